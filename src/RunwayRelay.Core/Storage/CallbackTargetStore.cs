using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RunwayRelay.Storage;

/// <summary>
/// Callback addresses (<see cref="CallbackTarget"/>) as private blobs <c>callbacks/{generationId}.json</c> in
/// <c>Output__PayloadsContainer</c>. Copied from the generation's payload when it ends, so the payload (request, media)
/// is deleted as before while the delivery, which may retry for a day, and a later redelivery still find the address.
/// The container's lifecycle rule deletes them after 7 days, which bounds how long a redelivery is possible.
/// </summary>
public sealed class CallbackTargetStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lazy<(BlobContainerClient Container, ContainerGate Gate)> _state;

    public CallbackTargetStore([FromKeyedServices(VideoStorageClientFactory.ConnectionName)] BlobServiceClient blobs, IOptions<OutputOptions> options)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(options);
        _state = new(() =>
        {
            var container = blobs.GetBlobContainerClient(options.Value.PayloadsContainer);
            return (container, new ContainerGate(container));
        });
    }

    public async Task PutAsync(string generationId, CallbackTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        await _state.Value.Gate.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await _state.Value.Container.GetBlobClient(BlobName(generationId)).UploadAsync(BinaryData.FromObjectAsJson(target, Json),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CallbackTarget?> GetAsync(string generationId, CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await _state.Value.Container.GetBlobClient(BlobName(generationId)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToObjectFromJson<CallbackTarget>(Json);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    internal static string BlobName(string generationId) => "callbacks/" + generationId + ".json";
}
