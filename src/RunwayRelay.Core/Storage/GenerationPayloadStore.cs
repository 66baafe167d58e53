using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunwayRelay.Generations;

namespace RunwayRelay.Storage;

/// <summary>
/// Payloads (<see cref="GenerationPayload"/>) as private blobs <c>requests/{generationId}.json</c> in
/// <c>Output__PayloadsContainer</c>. Written once, before the orchestration starts (If-None-Match: *, so a concurrent
/// request under the same id cannot replace what the first one scheduled), read by the activities that need them and
/// deleted when the generation ends; the container's lifecycle rule removes any left behind.
/// </summary>
public sealed class GenerationPayloadStore(
    [FromKeyedServices(VideoStorageClientFactory.ConnectionName)] BlobServiceClient blobs, IOptions<OutputOptions> options)
{
    private readonly JsonBlobContainer _blobs = new(blobs, () => options.Value.PayloadsContainer);

    /// <summary>Stores <paramref name="payload"/> unless the id has one; returns null when stored, else the one already there.</summary>
    public async Task<GenerationPayload?> TryCreateAsync(string generationId, GenerationPayload payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (await _blobs.TryCreateAsync(BlobName(generationId), payload, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        return await GetAsync(generationId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The payload of generation {generationId} exists but could not be read.");
    }

    public async Task<GenerationPayload?> GetAsync(string generationId, CancellationToken cancellationToken = default) =>
        (await _blobs.ReadAsync<GenerationPayload>(BlobName(generationId), cancellationToken).ConfigureAwait(false))?.Value;

    public Task DeleteAsync(string generationId, CancellationToken cancellationToken = default) =>
        _blobs.DeleteAsync(BlobName(generationId), cancellationToken);

    internal static string BlobName(string generationId) => "requests/" + generationId + ".json";
}
