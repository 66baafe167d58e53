using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RunwayRelay.Emulator;

namespace RunwayRelay.IntegrationTests.Orchestration;

[Collection(AzuriteCollection.Name)]
public sealed class BlobVideoStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CopyAsync_OutputLargerThanOneBlock_StagesBlocksAndStoresIdenticalBytes()
    {
        // 20 MiB with 4 MiB blocks: five staged blocks, committed at the end.
        var options = new EmulatorOptions { TimeScale = 0.001, OutputSizeBytes = 20L * 1024 * 1024 };
        await using var host = await GenerationHost.StartAsync(azurite.ConnectionString, options,
            new Dictionary<string, string?> { ["Output:UploadBlockSize"] = (4 * 1024 * 1024).ToString() });
        var (source, taskId) = await FinishedOutputAsync(host);

        var video = await host.Services.GetRequiredService<BlobVideoStore>()
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
        await using var host = await GenerationHost.StartAsync(azurite.ConnectionString, options);
        var (source, taskId) = await FinishedOutputAsync(host);
        host.Emulator.Options.Faults.Download.TruncateNext = 1;

        var error = await Assert.ThrowsAsync<VideoCopyException>(() => host.Services.GetRequiredService<BlobVideoStore>()
            .CopyAsync(source, "cut.mp4", new VideoMetadata(taskId, "gen4.5", "gen-cut", "abc")));

        Assert.DoesNotContain(source.Query.TrimStart('?'), error.Message, StringComparison.Ordinal);
        Assert.False(await host.OutputContainer.GetBlobClient("cut.mp4").ExistsAsync());
    }

    [Fact]
    public async Task CopyAsync_BlobHoldsAnotherTasksVideo_RefusesToOverwrite()
    {
        await using var host = await GenerationHost.StartAsync(azurite.ConnectionString);
        var (source, taskId) = await FinishedOutputAsync(host);
        var store = host.Services.GetRequiredService<BlobVideoStore>();
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
        await using var host = await GenerationHost.StartAsync(azurite.ConnectionString);
        var (source, taskId) = await FinishedOutputAsync(host);
        await host.OutputContainer.CreateIfNotExistsAsync();
        var (store, requests) = CountingStore(host, azurite.ConnectionString);

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
        await using var host = await GenerationHost.StartAsync(azurite.ConnectionString);
        var (source, taskId) = await FinishedOutputAsync(host);
        await host.OutputContainer.DeleteIfExistsAsync();
        var (store, _) = CountingStore(host, azurite.ConnectionString);

        var video = await store.CopyAsync(source, "fresh.mp4", new VideoMetadata(taskId, "gen4.5", "gen-fresh", "abc"));

        Assert.Equal(await host.EmulatorOutputAsync(taskId), await host.BlobAsync("fresh.mp4"));
        Assert.Equal(video.Size, (await host.EmulatorOutputAsync(taskId)).Length);
    }

    /// <summary>A store on the host's output container whose blob client records every request's method and URL query.</summary>
    private static (BlobVideoStore Store, ConcurrentQueue<string> Requests) CountingStore(GenerationHost host, string connection)
    {
        var requests = new ConcurrentQueue<string>();
        var options = new BlobClientOptions();
        options.AddPolicy(new RecordingPolicy(requests), HttpPipelinePosition.PerCall);
        var blobs = new BlobServiceClient(connection, options);
        var store = new BlobVideoStore(new HttpClient(), blobs,
            Options.Create(new OutputOptions { Container = host.OutputContainerName }), NullLogger<BlobVideoStore>.Instance);
        return (store, requests);
    }

    private sealed class RecordingPolicy(ConcurrentQueue<string> requests) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) =>
            requests.Enqueue($"{message.Request.Method} {message.Request.Uri.Query}");
    }

    private static async Task<(Uri Source, string TaskId)> FinishedOutputAsync(GenerationHost host)
    {
        var runway = host.Services.GetRequiredService<RunwayClient>();
        var created = await runway.CreateTaskAsync(GenerationHost.Input().Request);
        await ActivityReRunTests.WaitForSucceededAsync(runway, created.Id);
        var task = await runway.GetTaskAsync(created.Id);
        return (new Uri(task.Output![0]), created.Id);
    }
}
