using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using RunwayRelay.Uploads;

namespace RunwayRelay.Functions;

/// <summary>
/// An image uploaded to <c>Input__Container</c> starts a generation. Event Grid delivers the BlobCreated event (fast,
/// no container scans); delivery is at-least-once, which <see cref="BlobGenerationStarter"/> absorbs with an id derived
/// from the blob's name and ETag. The host resolves <c>%...%</c> through IConfiguration, where the app setting
/// <c>Input__Container</c> is the key <c>Input:Container</c>; it cannot resolve <c>__</c> there (azure-functions-host#10246)
/// and would disable the function at indexing.
/// </summary>
public sealed class BlobUploadFunctions(IBlobGenerationStarter starter)
{
    public const string Name = "StartGenerationFromBlob";

    [Function(Name)]
    public Task<BlobGenerationResult> StartGenerationFromBlob(
        [BlobTrigger("%Input:Container%/{name}", Source = BlobTriggerSource.EventGrid, Connection = "VideoStorage")] BlobClient blob,
        [DurableClient] DurableTaskClient client,
        FunctionContext function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return starter.StartAsync(blob, client, function.CancellationToken);
    }
}
