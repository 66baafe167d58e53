using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RunwayRelay.IntegrationTests.Storage;

namespace RunwayRelay.IntegrationTests.Storage;

/// <summary>
/// The video copy on Azurite: from the emulator's outputs (blocks, lengths, requests per copy), from sources that stall
/// (the copy fails, so the durable retry runs it again, instead of holding it), and against a blob that appears under
/// the name mid-copy (the commit is a conditional create: it is never overwritten).
/// </summary>
public sealed class BlobVideoStoreTests(AzuriteFixture azurite) : AzuriteTestBase(azurite)
{
    private const int SourceSize = 3 * 1024 * 1024;
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(1);
    private readonly string _container = "videos-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task CopyAsync_OutputLargerThanOneBlock_StagesBlocksAndStoresIdenticalBytes()
    {
        // 20 MiB with 4 MiB blocks: five staged blocks, committed at the end.
        var options = new EmulatorOptions { TimeScale = 0.001, OutputSizeBytes = 20L * 1024 * 1024 };
        await using var host = await GenerationHost.StartAsync(Azurite.ConnectionString, options,
            new Dictionary<string, string?> { ["Output:UploadBlockSize"] = (4 * 1024 * 1024).ToString() });
        var (source, taskId) = await FinishedOutputAsync(host);

        var video = await host.Services.GetRequiredService<IVideoStore>()
            .CopyAsync(source, "big.mp4", new VideoMetadata(taskId, "gen4.5", "gen-big", "abc"));

        Assert.Equal(20L * 1024 * 1024, video.Size);
        Assert.Equal(await host.EmulatorOutputAsync(taskId), await host.BlobAsync("big.mp4"));
        var blocks = (await host.OutputContainer.GetBlockBlobClient("big.mp4").GetBlockListAsync()).Value;
        Assert.Equal(5, blocks.CommittedBlocks.Count());
    }

    [Fact]
    public async Task CopyAsync_DownloadTruncated_ThrowsAndLeavesNoBlob()
    {
        var options = new EmulatorOptions { TimeScale = 0.001, OutputSizeBytes = 3L * 1024 * 1024 };
        await using var host = await GenerationHost.StartAsync(Azurite.ConnectionString, options);
        var (source, taskId) = await FinishedOutputAsync(host);
        host.Emulator.Options.Faults.Download.TruncateNext = 1;

        var error = await Assert.ThrowsAsync<VideoCopyException>(() => host.Services.GetRequiredService<IVideoStore>()
            .CopyAsync(source, "cut.mp4", new VideoMetadata(taskId, "gen4.5", "gen-cut", "abc")));

        Assert.DoesNotContain(source.Query.TrimStart('?'), error.Message, StringComparison.Ordinal);
        Assert.False(await host.OutputContainer.GetBlobClient("cut.mp4").ExistsAsync());
    }

    [Fact]
    public async Task CopyAsync_BlobHoldsAnotherTasksVideo_RefusesToOverwrite()
    {
        await using var host = await GenerationHost.StartAsync(Azurite.ConnectionString);
        var (source, taskId) = await FinishedOutputAsync(host);
        var store = host.Services.GetRequiredService<IVideoStore>();
        await store.CopyAsync(source, "taken.mp4", new VideoMetadata(taskId, "gen4.5", "gen-a", "abc"));
        var before = await host.BlobAsync("taken.mp4");

        var error = await Assert.ThrowsAsync<VideoCopyException>(() =>
            store.CopyAsync(source, "taken.mp4", new VideoMetadata("other-task", "gen4.5", "gen-b", "abc")));

        Assert.Contains("another generation", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await host.BlobAsync("taken.mp4"));
    }

    [Fact]
    public async Task CopyAsync_ContainerExists_SendsNoContainerRequest()
    {
        await using var host = await GenerationHost.StartAsync(Azurite.ConnectionString);
        var (source, taskId) = await FinishedOutputAsync(host);
        await host.OutputContainer.CreateIfNotExistsAsync();
        var (store, requests) = CountingStore(host, Azurite.ConnectionString);

        await store.CopyAsync(source, "first.mp4", new VideoMetadata(taskId, "gen4.5", "gen-first", "abc"));
        await store.CopyAsync(source, "second.mp4", new VideoMetadata(taskId, "gen4.5", "gen-second", "abc"));

        // Each copy is an existence check, a staged block and its commit; a container create per copy would be a fourth.
        Assert.DoesNotContain(requests, r => r.Contains("restype=container", StringComparison.Ordinal));
        Assert.True(requests.Count == 6, string.Join(" | ", requests));
        Assert.Equal(await host.EmulatorOutputAsync(taskId), await host.BlobAsync("second.mp4"));
    }

    [Fact]
    public async Task CopyAsync_ContainerMissing_CreatesItAndStoresTheVideo()
    {
        await using var host = await GenerationHost.StartAsync(Azurite.ConnectionString);
        var (source, taskId) = await FinishedOutputAsync(host);
        await host.OutputContainer.DeleteIfExistsAsync();
        var (store, _) = CountingStore(host, Azurite.ConnectionString);

        var video = await store.CopyAsync(source, "fresh.mp4", new VideoMetadata(taskId, "gen4.5", "gen-fresh", "abc"));

        Assert.Equal(await host.EmulatorOutputAsync(taskId), await host.BlobAsync("fresh.mp4"));
        Assert.Equal(video.Size, (await host.EmulatorOutputAsync(taskId)).Length);
    }

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
        var storage = new BlobServiceClient(Azurite.ConnectionString);
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<VideoCopyException>(() => Store(storage, new HttpClient(), 1024 * 1024, StallTimeout).CopyAsync(
            new Uri(source.Url, "out.mp4?sig=do-not-show"), "stalled.mp4", Metadata("task-stall")).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.InRange(watch.Elapsed, StallTimeout - TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(15));
        Assert.Contains("stalled: no bytes for 00:00:01", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("do-not-show", error.Message, StringComparison.Ordinal);
        Assert.False(await storage.GetBlobContainerClient(_container).GetBlobClient("stalled.mp4").ExistsAsync());
    }

    [Fact]
    public async Task CopyAsync_SourceSendsNoHeaders_FailsWithinStallTimeout()
    {
        await using var source = await ScriptedHttpServer.StartAsync(ScriptedHttpServer.StallAsync);
        var storage = new BlobServiceClient(Azurite.ConnectionString);
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<VideoCopyException>(() => Store(storage, new HttpClient(), 1024 * 1024, StallTimeout).CopyAsync(
            new Uri(source.Url, "out.mp4"), "silent.mp4", Metadata("task-stall")).WaitAsync(TimeSpan.FromSeconds(30)));

        // Timers may fire a few milliseconds early against the stopwatch (coarse timer resolution): it waited the stall timeout.
        Assert.InRange(watch.Elapsed, StallTimeout - TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(15));
        Assert.Contains("stalled: no response headers within 00:00:01", error.Message, StringComparison.Ordinal);
        Assert.False(await storage.GetBlobContainerClient(_container).GetBlobClient("silent.mp4").ExistsAsync());
    }

    [Theory]
    [InlineData(1024 * 1024)]      // staged blocks, committed by Put Block List
    [InlineData(8 * 1024 * 1024)]  // one Put Blob
    public async Task CopyAsync_AnotherGenerationWritesTheNameMidCopy_KeepsItsBlobAndFails(int blockSize)
    {
        await using var source = await ServeAsync();
        var storage = new BlobServiceClient(Azurite.ConnectionString);
        var target = storage.GetBlobContainerClient(_container).GetBlobClient("race.mp4");
        byte[] theirs = "another generation's video"u8.ToArray();
        var http = MidReadHook(() => target.UploadAsync(new BinaryData(theirs), new BlobUploadOptions
        {
            Metadata = new Dictionary<string, string> { [VideoMetadata.RunwayTaskIdKey] = "task-theirs" },
        }));

        var error = await Assert.ThrowsAsync<VideoCopyException>(() =>
            Store(storage, http, blockSize).CopyAsync(new Uri(source.Url, "out.mp4"), "race.mp4", Metadata("task-ours")));

        Assert.Contains("already holds another generation's video (Runway task task-theirs)", error.Message, StringComparison.Ordinal);
        Assert.Equal(theirs, (await target.DownloadContentAsync()).Value.Content.ToArray());
        Assert.Equal("task-theirs", (await target.GetPropertiesAsync()).Value.Metadata[VideoMetadata.RunwayTaskIdKey]);
    }

    [Fact]
    public async Task CopyAsync_SameTaskCommittedByAnotherRunMidCopy_ReturnsThatBlob()
    {
        await using var source = await ServeAsync();
        var storage = new BlobServiceClient(Azurite.ConnectionString);
        var target = storage.GetBlobContainerClient(_container).GetBlobClient("rerun.mp4");
        byte[] firstRun = new byte[SourceSize];
        Array.Fill(firstRun, (byte)7);
        var http = MidReadHook(() => target.UploadAsync(new BinaryData(firstRun), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "video/mp4" },
            Metadata = Metadata("task-ours").ToDictionary(),
        }));

        var video = await Store(storage, http, 8 * 1024 * 1024).CopyAsync(new Uri(source.Url, "out.mp4"), "rerun.mp4", Metadata("task-ours"));

        Assert.Equal(SourceSize, video.Size);
        Assert.Equal(firstRun, (await target.DownloadContentAsync()).Value.Content.ToArray());
    }

    /// <summary>A store on the host's output container whose blob client records every request.</summary>
    private static (BlobVideoStore Store, ConcurrentQueue<string> Requests) CountingStore(GenerationHost host, string connection)
    {
        var requests = new ConcurrentQueue<string>();
        var store = new BlobVideoStore(new HttpClient(), RecordingBlobClient.Create(connection, requests),
            Options.Create(new OutputOptions { Container = host.OutputContainerName }), NullLogger<BlobVideoStore>.Instance);
        return (store, requests);
    }

    private static async Task<(Uri Source, string TaskId)> FinishedOutputAsync(GenerationHost host)
    {
        var runway = host.Services.GetRequiredService<RunwayClient>();
        var created = await runway.CreateTaskAsync(GenerationHost.Input().Request);
        await ActivityReRunTests.WaitForSucceededAsync(runway, created.Id);
        var task = await runway.GetTaskAsync(created.Id);
        return (new Uri(task.Output![0]), created.Id);
    }

    private static VideoMetadata Metadata(string taskId) => new(taskId, "gen4.5", "gen-" + taskId, "abc");

    /// <summary>Serves <see cref="SourceSize"/> bytes of 1s as an mp4 with its Content-Length.</summary>
    private static Task<ScriptedHttpServer> ServeAsync() => ScriptedHttpServer.StartAsync(async http =>
    {
        byte[] body = new byte[SourceSize];
        Array.Fill(body, (byte)1);
        http.Response.ContentType = "video/mp4";
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    });

    /// <summary>Real HTTP to the source, with <paramref name="hook"/> run once when the copy has read its first MiB.</summary>
    private static HttpClient MidReadHook(Func<Task> hook) => new(new HookingHandler(hook) { InnerHandler = new SocketsHttpHandler() });

    private BlobVideoStore Store(BlobServiceClient storage, HttpClient http, int blockSize, TimeSpan? stallTimeout = null) =>
        new(http, storage, Options.Create(new OutputOptions
        {
            Container = _container,
            UploadBlockSize = blockSize,
            DownloadStallTimeout = stallTimeout ?? new OutputOptions().DownloadStallTimeout,
        }), NullLogger<BlobVideoStore>.Instance);

    private sealed class HookingHandler(Func<Task> hook) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var original = response.Content;
            var content = new StreamContent(new HookingStream(await original.ReadAsStreamAsync(cancellationToken), hook));
            foreach (var header in original.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            response.Content = content;
            return response;
        }
    }

    private sealed class HookingStream(Stream inner, Func<Task> hook) : Stream
    {
        private long _read;
        private bool _fired;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_fired && _read >= 1024 * 1024)
            {
                _fired = true;
                await hook();
            }
            int n = await inner.ReadAsync(buffer, cancellationToken);
            _read += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("the copy reads asynchronously");
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
