using System.Diagnostics;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace RunwayRelay.IntegrationTests.Orchestration;

/// <summary>A source that stops sending must fail the copy (so the durable retry runs it again) instead of holding it.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobVideoStoreStallTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(1);
    private readonly string _container = "videos-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task CopyAsync_SourceStallsMidBody_FailsWithinStallTimeoutAndCommitsNothing()
    {
        // 4 MiB announced, 1.5 MiB sent: with 1 MiB blocks one block is staged before the stall.
        await using var source = await ScriptedHttpServer.StartAsync(async http =>
        {
            http.Response.ContentType = "video/mp4";
            http.Response.ContentLength = 4 * 1024 * 1024;
            await http.Response.Body.WriteAsync(new byte[1536 * 1024], http.RequestAborted);
            await http.Response.Body.FlushAsync(http.RequestAborted);
            await ScriptedHttpServer.StallAsync(http);
        });
        var storage = new BlobServiceClient(azurite.ConnectionString);
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<VideoCopyException>(() => Store(storage).CopyAsync(
            new Uri(source.Url, "out.mp4?sig=do-not-show"), "stalled.mp4", Metadata()).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.InRange(watch.Elapsed, StallTimeout - TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(15));
        Assert.Contains("stalled: no bytes for 00:00:01", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("do-not-show", error.Message, StringComparison.Ordinal);
        Assert.False(await storage.GetBlobContainerClient(_container).GetBlobClient("stalled.mp4").ExistsAsync());
    }

    [Fact]
    public async Task CopyAsync_SourceSendsNoHeaders_FailsWithinStallTimeout()
    {
        await using var source = await ScriptedHttpServer.StartAsync(ScriptedHttpServer.StallAsync);
        var storage = new BlobServiceClient(azurite.ConnectionString);
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<VideoCopyException>(() => Store(storage).CopyAsync(
            new Uri(source.Url, "out.mp4"), "silent.mp4", Metadata()).WaitAsync(TimeSpan.FromSeconds(30)));

        // Timers may fire a few milliseconds early against the stopwatch (coarse timer resolution): it waited the stall timeout.
        Assert.InRange(watch.Elapsed, StallTimeout - TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(15));
        Assert.Contains("stalled: no response headers within 00:00:01", error.Message, StringComparison.Ordinal);
        Assert.False(await storage.GetBlobContainerClient(_container).GetBlobClient("silent.mp4").ExistsAsync());
    }

    private static VideoMetadata Metadata() => new("task-stall", "gen4.5", "gen-stall", "abc");

    private BlobVideoStore Store(BlobServiceClient storage) =>
        new(new HttpClient(), storage, Options.Create(new OutputOptions
        {
            Container = _container,
            UploadBlockSize = 1024 * 1024,
            DownloadStallTimeout = StallTimeout,
        }), NullLogger<BlobVideoStore>.Instance);
}
