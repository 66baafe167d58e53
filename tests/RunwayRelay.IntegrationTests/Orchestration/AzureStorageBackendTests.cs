
namespace RunwayRelay.IntegrationTests.Orchestration;

/// <summary>
/// The same orchestration on the Durable Task Framework's Azure Storage provider (Durable Functions' default backend)
/// over Azurite, through the TaskHubGrpcServer sidecar, as the DevHost runs it.
/// </summary>
public sealed class AzureStorageBackendTests(AzuriteFixture azurite) : AzuriteTestBase(azurite)
{
    [Fact]
    public async Task Orchestration_OnAzureStorageBackend_CompletesWithOneSubmission()
    {
        await using var runway = await RunwayEmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0.01 });
        await using var engine = await AzureStorageEngine.StartAsync(Azurite.ConnectionString, runway, new Dictionary<string, string?>
        {
            ["Runway:PollInterval"] = "00:00:00.050",
            ["Runway:MaxPollInterval"] = "00:00:00.200",
        });
        var input = GenerationHost.Input();
        Assert.IsType<Scheduled>(await engine.Services.GetRequiredService<GenerationScheduler>().ScheduleAsync(engine.Client, input, OutputNamePolicy.Exact));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var meta = await engine.Client.WaitForInstanceCompletionAsync(input.GenerationId, getInputsAndOutputs: true, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, meta.RuntimeStatus);
        var outcome = meta.ReadOutputAs<GenerationOutcome>()!;
        Assert.Equal(GenerationPhase.Succeeded, outcome.Status);
        Assert.Equal(input.OutputBlobName, Assert.Single(outcome.Videos).Name);
        Assert.Single(runway.Activity.Creates);
        Assert.True(runway.Activity.PollsByTask[outcome.RunwayTaskId!] >= 2, "polled across ContinueAsNew");
    }
}
