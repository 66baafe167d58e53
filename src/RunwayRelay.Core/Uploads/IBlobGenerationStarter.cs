using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;

namespace RunwayRelay.Uploads;

/// <summary>Starts the generation of an uploaded blob; the seam the DevHost's inbox scanner depends on.</summary>
public interface IBlobGenerationStarter
{
    Task<BlobGenerationResult> StartAsync(BlobClient blob, DurableTaskClient client, CancellationToken cancellationToken = default);
}
