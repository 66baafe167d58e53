using RunwayRelay.Emulator;
using RunwayRelay.IntegrationTests.Infrastructure;

namespace RunwayRelay.IntegrationTests.DevHost;

/// <summary>
/// Two DevHost processes on one task hub and storage. The Azure Storage backend accepts a second start of an instance id
/// that is already running, so what keeps one generation to one paid Runway task across processes is the submission ledger.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DevHostSharedTaskHubTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task DevHost_SameIdempotencyKeyPostedToTwoProcesses_CreatesOneRunwayTask()
    {
        await using var runway = await RunwayEmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0.02 });
        var settings = DevHostProcess.Settings(azurite.ConnectionString, runway);
        await using var first = await DevHostProcess.StartAsync(settings);
        await using var second = await DevHostProcess.StartAsync(settings);
        string key = "both-" + Guid.NewGuid();

        var accepted = await Task.WhenAll(first.StartGenerationAsync(DevHostProcess.TextToVideo, key), second.StartGenerationAsync(DevHostProcess.TextToVideo, key));

        string id = accepted[0].GetProperty("id").GetString()!;
        Assert.Equal(id, accepted[1].GetProperty("id").GetString());
        var (status, body) = await first.FollowAsync(id, TimeSpan.FromSeconds(90));
        var (otherStatus, otherBody) = await second.FollowAsync(id, TimeSpan.FromSeconds(90));
        Assert.Equal(status, otherStatus);
        Assert.Equal(body.GetProperty("status").GetString(), otherBody.GetProperty("status").GetString());
        // Give a second execution, if any, time to reach Runway before counting.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(runway.Activity.Creates);
        Assert.Equal(1, runway.Activity.CreateAttempts);
        Assert.True(status == 200, $"{status}: {body}\n--- first\n{first.Output}\n--- second\n{second.Output}");
    }
}
