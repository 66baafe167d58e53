using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.DependencyInjection;
using RunwayRelay.Emulator;
using RunwayRelay.IntegrationTests.Infrastructure;
using RunwayRelay.Runway;
using RunwayRelay.Storage;

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

    private static async Task<(Uri Source, string TaskId)> FinishedOutputAsync(GenerationHost host)
    {
        var runway = host.Services.GetRequiredService<RunwayClient>();
        var created = await runway.CreateTaskAsync(GenerationHost.Input().Request);
        await ActivityReRunTests.WaitForSucceededAsync(runway, created.Id);
        var task = await runway.GetTaskAsync(created.Id);
        return (new Uri(task.Output![0]), created.Id);
    }
}
