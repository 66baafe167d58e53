using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RunwayRelay.Storage;

/// <summary>
/// Tells, before anything is paid for, whether an output name already holds a video. The copy never overwrites another
/// generation's video, so a generation started onto a taken name would be billed by Runway and then fail to store.
/// </summary>
public class OutputBlobGuard(
    [FromKeyedServices(VideoStorageClientFactory.ConnectionName)] BlobServiceClient storage,
    IOptionsMonitor<OutputOptions> output)
{
    public virtual async Task<bool> IsTakenAsync(string blobName, CancellationToken cancellationToken = default)
    {
        var blob = storage.GetBlobContainerClient(output.CurrentValue.Container).GetBlobClient(blobName);
        return (await blob.ExistsAsync(cancellationToken).ConfigureAwait(false)).Value;
    }
}
