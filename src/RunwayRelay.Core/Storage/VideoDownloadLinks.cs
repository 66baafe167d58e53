using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunwayRelay.Generations;

namespace RunwayRelay.Storage;

/// <summary>
/// Read-only, expiring links to stored videos, made when a status is read (never stored: they are credentials).
/// Only storage reached with an account key can sign them (Azurite, connection strings); with a managed identity the
/// caller reads the blob with its own Azure identity and <see cref="StoredVideo.DownloadUrl"/> is absent.
/// </summary>
public sealed class VideoDownloadLinks(
    [FromKeyedServices(VideoStorageClientFactory.ConnectionName)] BlobServiceClient storage,
    IOptionsMonitor<OutputOptions> output,
    TimeProvider time) : IVideoDownloadLinks
{
    public StoredVideo WithDownloadUrl(StoredVideo video)
    {
        ArgumentNullException.ThrowIfNull(video);
        var lifetime = output.CurrentValue.DownloadLinkLifetime;
        if (lifetime <= TimeSpan.Zero)
        {
            return video;
        }
        var parts = new BlobUriBuilder(video.BlobUrl);
        var blob = storage.GetBlobContainerClient(parts.BlobContainerName).GetBlobClient(parts.BlobName);
        return blob.CanGenerateSasUri
            ? video with { DownloadUrl = blob.GenerateSasUri(BlobSasPermissions.Read, time.GetUtcNow() + lifetime) }
            : video;
    }
}
