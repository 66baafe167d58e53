using System.Net.Sockets;
using Azure;
using Azure.Storage.Blobs;
using Grpc.Core;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using RunwayRelay.Storage;
using RunwayRelay.Uploads;

namespace RunwayRelay.DevHost.Uploads;

/// <summary>
/// The DevHost's stand-in for the Functions app's Event Grid blob trigger: it scans <c>Input__Container</c> and hands
/// each new blob version to the same <see cref="BlobGenerationStarter"/>. The starter's id comes from the name and
/// ETag, so a blob seen again (after a restart, say) never starts a second generation. Each blob is handled on its
/// own: one whose start fails is tried again on later scans, up to <c>DevHost__InboxMaxAttempts</c> times, then left
/// with an <see cref="UploadErrorReport"/> and not tried again (a new upload of it is a new version and is tried afresh).
/// </summary>
public sealed class InboxScanner(
    IBlobGenerationStarter starter,
    DurableTaskClient client,
    [FromKeyedServices(VideoStorageClientFactory.ConnectionName)] BlobServiceClient storage,
    IOptions<InputOptions> input,
    IOptions<OutputOptions> output,
    IOptions<DevHostOptions> options,
    ILogger<InboxScanner> logger) : BackgroundService
{
    /// <summary>Blob versions that need nothing more: started, refused, gone, or given up on.</summary>
    private readonly HashSet<(string Name, ETag ETag)> _done = [];

    /// <summary>Failed starts per blob version not yet given up on.</summary>
    private readonly Dictionary<(string Name, ETag ETag), int> _failures = [];

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
                await ScanAsync(stoppingToken);
            }
            catch (Exception e) when (e is RequestFailedException or HttpRequestException or RpcException || IsTransient(e, stoppingToken))
            {
                logger.ScanFailed(container.Name, Summary(e));
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// One pass over the inbox. A failure that only concerns one blob is counted against that blob and the pass goes on;
    /// one that means storage or the durable store is unavailable ends the pass uncounted (every later blob would fail
    /// the same way), and the next tick starts again.
    /// </summary>
    internal async Task ScanAsync(CancellationToken cancellationToken)
    {
        var container = storage.GetBlobContainerClient(input.Value.Container);
        var reports = storage.GetBlobContainerClient(output.Value.Container);
        await foreach (var item in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            if (item.Properties.ETag is not { } etag || _done.Contains((item.Name, etag)))
            {
                continue;
            }
            var key = (item.Name, etag);
            string reportName = UploadErrorReport.NameFor(item.Name);
            var blob = container.GetBlobClient(item.Name);
            try
            {
                if (!_failures.ContainsKey(key) && await UploadErrorReport.ExistsForAsync(reports, reportName, etag, cancellationToken))
                {
                    // An earlier run gave up on this very version.
                    _done.Add(key);
                    logger.GaveUpEarlier(container.Name, item.Name, reportName);
                    continue;
                }
                var result = await starter.StartAsync(blob, client, cancellationToken);
                _done.Add(key);
                _failures.Remove(key);
                logger.UploadHandled(container.Name, item.Name, result.Outcome, result.GenerationId);
            }
            catch (Exception e) when (!IsTransient(e, cancellationToken) && !cancellationToken.IsCancellationRequested)
            {
                int attempts = _failures.GetValueOrDefault(key) + 1;
                int max = options.Value.InboxMaxAttempts;
                if (attempts < max)
                {
                    _failures[key] = attempts;
                    logger.StartFailed(container.Name, item.Name, attempts, max, Summary(e));
                    continue;
                }
                _failures.Remove(key);
                _done.Add(key);
                logger.GaveUp(container.Name, item.Name, attempts, Summary(e), reportName);
                await ReportAsync(reports, blob, reportName, etag, attempts, e, cancellationToken);
            }
        }
    }

    private async Task ReportAsync(BlobContainerClient reports, BlobClient blob, string reportName, ETag etag, int attempts, Exception e, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>
        {
            ["upload"] =
            [
                $"starting a generation for this upload failed {attempts} times; the last error: {Summary(e)}. " +
                "It is not tried again; upload it again (a new version) once the cause is fixed.",
            ],
        };
        try
        {
            await reports.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            if (!await UploadErrorReport.TryWriteAsync(reports, blob, reportName, errors, etag, cancellationToken))
            {
                logger.ReportKept(blob.BlobContainerName, blob.Name, reportName);
            }
        }
        catch (RequestFailedException failure)
        {
            // The log line before this one already says why; the report is a convenience.
            logger.ReportFailed(blob.BlobContainerName, blob.Name, reportName, failure.Status);
        }
    }

    /// <summary>Storage or the durable store unreachable or overloaded, rather than anything about one blob.</summary>
    private static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => false,
        RequestFailedException r => r.Status is 0 or 408 or 429 or >= 500,
        RpcException r => r.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded,
        HttpRequestException or SocketException or TimeoutException or TaskCanceledException => true,
        _ => false,
    };

    /// <summary>One line, without request URLs or headers (they could carry a SAS).</summary>
    private static string Summary(Exception e) => e switch
    {
        RequestFailedException r => $"storage answered {r.Status} {r.ErrorCode}".TrimEnd(),
        RpcException r => $"the durable store answered {r.StatusCode}: {r.Status.Detail}",
        _ => $"{e.GetType().Name}: {e.Message.Split('\n', 2)[0].Trim()}",
    };
}
