using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RunwayRelay.Storage;

/// <summary>
/// Callback addresses (<see cref="CallbackTarget"/>) as private blobs <c>callbacks/{generationId}.json</c> in
/// <c>Output__PayloadsContainer</c>. Copied from the generation's payload when it ends, so the payload (request, media)
/// is deleted as before while the delivery, which may retry for a day, and a later redelivery still find the address.
/// The container's lifecycle rule deletes them after 7 days, which bounds how long a redelivery is possible.
/// </summary>
public sealed class CallbackTargetStore(
    [FromKeyedServices(VideoStorageClientFactory.ConnectionName)] BlobServiceClient blobs, IOptions<OutputOptions> options)
{
    private readonly JsonBlobContainer _blobs = new(blobs, () => options.Value.PayloadsContainer);

    public Task PutAsync(string generationId, CallbackTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        return _blobs.PutAsync(BlobName(generationId), target, cancellationToken);
    }

    public async Task<CallbackTarget?> GetAsync(string generationId, CancellationToken cancellationToken = default) =>
        (await _blobs.ReadAsync<CallbackTarget>(BlobName(generationId), cancellationToken).ConfigureAwait(false))?.Value;

    internal static string BlobName(string generationId) => "callbacks/" + generationId + ".json";
}
