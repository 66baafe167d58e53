using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
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
public sealed class GenerationPayloadStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lazy<(BlobContainerClient Container, ContainerGate Gate)> _state;

    public GenerationPayloadStore([FromKeyedServices(VideoStorageClientFactory.ConnectionName)] BlobServiceClient blobs, IOptions<OutputOptions> options)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(options);
        // Options are read on first use, so a host that builds this early still reports every invalid setting at start.
        _state = new(() =>
        {
            var container = blobs.GetBlobContainerClient(options.Value.PayloadsContainer);
            return (container, new ContainerGate(container));
        });
    }

    private BlobContainerClient Container => _state.Value.Container;

    private ContainerGate Gate => _state.Value.Gate;

    /// <summary>Stores <paramref name="payload"/> unless the id has one; returns null when stored, else the one already there.</summary>
    public async Task<GenerationPayload?> TryCreateAsync(string generationId, GenerationPayload payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        await Gate.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var blob = Container.GetBlobClient(BlobName(generationId));
        try
        {
            await blob.UploadAsync(BinaryData.FromObjectAsJson(payload, Json), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            }, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return await GetAsync(generationId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The payload of generation {generationId} exists but could not be read.");
        }
    }

    public async Task<GenerationPayload?> GetAsync(string generationId, CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await Container.GetBlobClient(BlobName(generationId)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToObjectFromJson<GenerationPayload>(Json);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string generationId, CancellationToken cancellationToken = default)
    {
        try
        {
            await Container.GetBlobClient(BlobName(generationId)).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // The container itself is gone: nothing left to delete.
        }
    }

    internal static string BlobName(string generationId) => "requests/" + generationId + ".json";
}
