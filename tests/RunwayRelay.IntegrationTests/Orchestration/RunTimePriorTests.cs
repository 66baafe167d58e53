using RunwayRelay.Emulator.Admin;

namespace RunwayRelay.IntegrationTests.Orchestration;

/// <summary>
/// The poll schedule learns what generations of one kind take (<see cref="ModelRunTimes"/>): once a few have
/// succeeded, the next one's first status read waits for the shortest of them instead of polling at the floor.
/// Measured at the emulator, on the real durable engine.
/// </summary>
public sealed class RunTimePriorTests(AzuriteFixture azurite) : AzuriteTestBase(azurite)
{
    [Fact]
    public async Task FirstPoll_AfterEarlierGenerationsOfTheKindSucceeded_WaitsForTheShortestOfThem()
    {
        var generation = TimeSpan.FromSeconds(6);
        await using var runway = await RunwayEmulatorServer.StartAsync(new EmulatorOptions { QueueTime = TimeSpan.Zero, GenerationTime = generation });
        await using var engine = await AzureStorageEngine.StartAsync(Azurite.ConnectionString, runway, new Dictionary<string, string?>
        {
            ["Runway:PollInterval"] = "00:00:01",
            ["Runway:MaxPollInterval"] = "00:00:10", // above the generation time: the ceiling would cut the wait short
            ["Runway:Timeout"] = "00:02:00",
        });
        var scheduler = engine.Services.GetRequiredService<GenerationScheduler>();
        var runTimes = engine.Services.GetRequiredService<ModelRunTimes>();

        async Task<GenerationOutcome> RunAsync(GenerationDraft draft)
        {
            Assert.IsType<Scheduled>(await scheduler.ScheduleAsync(engine.Client, draft, OutputNamePolicy.Exact));
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var meta = await engine.Client.WaitForInstanceCompletionAsync(draft.GenerationId, getInputsAndOutputs: true, cts.Token);
            var outcome = meta.ReadOutputAs<GenerationOutcome>()!;
            Assert.Equal(GenerationPhase.Succeeded, outcome.Status);
            return outcome;
        }
        List<DateTimeOffset> Polls(string taskId) => [.. runway.Activity.Requests
            .Where(r => r.Kind == RouteKind.Read && r.Method == "GET" && r.TaskId == taskId).Select(r => r.At).Order()];
        TimeSpan FirstPollAfterCreation(string taskId) => Polls(taskId)[0] - runway.Tasks.Single(t => t.Id == taskId).CreatedAt;

        var first = GenerationHost.Input();
        string kind = ModelRunTimes.KindOf(first.Request);
        Assert.Null(runTimes.PriorFor(kind).Shortest);
        var earlier = await Task.WhenAll([RunAsync(first), .. Enumerable.Range(0, ModelRunTimes.MinSamples - 1).Select(_ => RunAsync(GenerationHost.Input()))]);

        var shortest = runTimes.PriorFor(kind).Shortest;
        Assert.NotNull(shortest);
        // Half-way between the last read that saw it going and the one that saw it done: within half a floor of the truth, plus scheduling slack.
        Assert.InRange(shortest.Value, generation - TimeSpan.FromSeconds(0.6), generation + TimeSpan.FromSeconds(2));
        Assert.All(earlier, e => Assert.True(FirstPollAfterCreation(e.RunwayTaskId!) < TimeSpan.FromSeconds(3), "without a prior the first read waits the floor"));

        var next = await RunAsync(GenerationHost.Input());

        // The backend's timers fire up to a second early (whole seconds); ReadRunwayTaskActivity holds the floor, not the prior.
        Assert.True(FirstPollAfterCreation(next.RunwayTaskId!) >= shortest.Value - TimeSpan.FromSeconds(1),
            $"first read {FirstPollAfterCreation(next.RunwayTaskId!).TotalSeconds:F2} s after creation; the shortest earlier run took {shortest.Value.TotalSeconds:F2} s");
        Assert.True(Polls(next.RunwayTaskId!).Count < earlier.Min(e => Polls(e.RunwayTaskId!).Count),
            $"{Polls(next.RunwayTaskId!).Count} reads with the prior, at least {earlier.Min(e => Polls(e.RunwayTaskId!).Count)} without");
    }
}
