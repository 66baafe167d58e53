using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using RunwayRelay.Common;

namespace RunwayRelay.Storage;

/// <summary>
/// The small JSON blobs the stores keep in one container: created on the first write (<see cref="ContainerGate"/>),
/// read with their ETag, written create-only (If-None-Match: *), replaced only as read (If-Match), or deleted. The
/// container name is read on first use, so a host that builds a store early still reports every invalid setting at start.
/// </summary>
internal sealed class JsonBlobContainer
{
    private static readonly BlobHttpHeaders JsonHeaders = new() { ContentType = "application/json" };
    private readonly Lazy<(BlobContainerClient Client, ContainerGate Gate)> _state;

    public JsonBlobContainer(BlobServiceClient blobs, Func<string> containerName)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(containerName);
        _state = new(() =>
        {
            var container = blobs.GetBlobContainerClient(containerName());
            return (container, new ContainerGate(container));
        });
    }

    public BlobContainerClient Client => _state.Value.Client;

    /// <summary>The blob's value, or null when it (or the container) does not exist.</summary>
    public async Task<JsonBlob<T>?> ReadAsync<T>(string name, CancellationToken cancellationToken)
    {
        try
        {
            var content = (await Client.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value;
            return content.Content.ToObjectFromJson<T>(RunwayRelayJson.Web) is { } value
                ? new JsonBlob<T>(value, content.Details.ETag, content.Details.LastModified)
                : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Writes <paramref name="value"/> unless a blob of that name exists; false when one does.</summary>
    public Task<bool> TryCreateAsync<T>(string name, T value, CancellationToken cancellationToken, IDictionary<string, string>? metadata = null) =>
        TryWriteAsync(name, value, new BlobRequestConditions { IfNoneMatch = ETag.All }, metadata, cancellationToken);

    /// <summary>Replaces the blob only as it was when read (<paramref name="etag"/>); false when it changed or is gone.</summary>
    public Task<bool> TryReplaceAsync<T>(string name, T value, ETag etag, CancellationToken cancellationToken, IDictionary<string, string>? metadata = null) =>
        TryWriteAsync(name, value, new BlobRequestConditions { IfMatch = etag }, metadata, cancellationToken);

    /// <summary>Writes <paramref name="value"/>, replacing whatever is there.</summary>
    public async Task PutAsync<T>(string name, T value, CancellationToken cancellationToken)
    {
        await _state.Value.Gate.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await Client.GetBlobClient(name).UploadAsync(BinaryData.FromObjectAsJson(value, RunwayRelayJson.Web),
            new BlobUploadOptions { HttpHeaders = JsonHeaders }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the blob (only as read, when <paramref name="etag"/> is given); false when it was gone, or changed.</summary>
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken, ETag? etag = null)
    {
        try
        {
            var conditions = etag is { } tag ? new BlobRequestConditions { IfMatch = tag } : null;
            return (await Client.GetBlobClient(name).DeleteIfExistsAsync(conditions: conditions, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // The container is gone, or the blob changed since it was read: nothing of ours to delete.
            return false;
        }
    }

    private async Task<bool> TryWriteAsync<T>(string name, T value, BlobRequestConditions conditions, IDictionary<string, string>? metadata,
        CancellationToken cancellationToken)
    {
        await _state.Value.Gate.EnsureAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Client.GetBlobClient(name).UploadAsync(BinaryData.FromObjectAsJson(value, RunwayRelayJson.Web),
                new BlobUploadOptions { Conditions = conditions, HttpHeaders = JsonHeaders, Metadata = metadata }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 || (e.Status == 404 && conditions.IfMatch is not null))
        {
            return false;
        }
    }
}
