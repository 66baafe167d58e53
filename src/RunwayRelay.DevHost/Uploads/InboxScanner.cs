using Azure;
using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using RunwayRelay.Storage;
using RunwayRelay.Uploads;

namespace RunwayRelay.DevHost.Uploads;

/// <summary>
/// The DevHost's stand-in for the Functions app's Event Grid blob trigger: it scans <c>Input__Container</c> and hands
/// each new blob version to the same <see cref="BlobGenerationStarter"/>. The starter's id comes from the name and
/// ETag, so a blob seen again (after a restart, say) never starts a second generation.
/// </summary>
public sealed partial class InboxScanner(
    BlobGenerationStarter starter,
    DurableTaskClient client,
    [FromKeyedServices(VideoStorageClientFactory.ConnectionName)] BlobServiceClient storage,
    IOptions<InputOptions> input,
    IOptions<DevHostOptions> options,
    ILogger<InboxScanner> logger) : BackgroundService
{
    private readonly HashSet<(string Name, ETag ETag)> _seen = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.InboxScanInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }
        var container = storage.GetBlobContainerClient(input.Value.Container);
        bool created = false;
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                // Made once, so there is somewhere to upload to; until storage answers, every tick tries again.
                if (!created)
                {
                    await container.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    created = true;
                }
                await ScanAsync(container, stoppingToken);
            }
            catch (Exception e) when (e is RequestFailedException or HttpRequestException or Grpc.Core.RpcException)
            {
                LogScanFailed(logger, container.Name, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task ScanAsync(BlobContainerClient container, CancellationToken cancellationToken)
    {
        await foreach (var item in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            if (item.Properties.ETag is not { } etag || _seen.Contains((item.Name, etag)))
            {
                continue;
            }
            var result = await starter.StartAsync(container.GetBlobClient(item.Name), client, cancellationToken);
            _seen.Add((item.Name, etag));
            LogUpload(logger, container.Name, item.Name, result.Outcome, result.GenerationId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {Container}/{Blob}: {Outcome} (generation {GenerationId})")]
    private static partial void LogUpload(ILogger logger, string container, string blob, BlobGenerationOutcome outcome, string? generationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scanning {Container} for uploads failed, retrying: {Error}")]
    private static partial void LogScanFailed(ILogger logger, string container, string error);
}
