using RunwayRelay.Emulator.Admin;

namespace RunwayRelay.IntegrationTests.Orchestration;

/// <summary>
/// Runway__PollInterval is a floor between two GETs of one task, measured where it matters: at the emulator. On the
/// Azure Storage backend a durable timer's queue message is made visible after a whole number of seconds (the
/// remaining delay is truncated), so before the fix a 1 s interval polled back to back.
/// </summary>
public sealed class PollingFloorTests(AzuriteFixture azurite) : AzuriteTestBase(azurite)
{
    [Theory]
    [InlineData("00:00:01", "00:00:01", 6)]
    [InlineData("00:00:01.500", "00:00:03", 6)]
    [InlineData("00:00:05", "00:00:30", 12)]
    public async Task Poll_OnAzureStorageBackend_NeverFollowsThePreviousPollSoonerThanTheFloor(string interval, string maxInterval, int generationSeconds)
    {
        var floor = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture);
        // scripts/bench.sh measures the 20 s task; CI keeps to a few seconds.
        if (PollingBenchOutput.Enabled)
        {
            generationSeconds = 20;
        }
        await using var runway = await RunwayEmulatorServer.StartAsync(new EmulatorOptions
        {
            QueueTime = TimeSpan.Zero,
            GenerationTime = TimeSpan.FromSeconds(generationSeconds),
        });
        await using var engine = await AzureStorageEngine.StartAsync(Azurite.ConnectionString, runway, new Dictionary<string, string?>
        {
            ["Runway:PollInterval"] = interval,
            ["Runway:MaxPollInterval"] = maxInterval,
            ["Runway:Timeout"] = "00:02:00",
        });

        var draft = GenerationHost.Input();
        Assert.IsType<Scheduled>(await engine.Services.GetRequiredService<GenerationScheduler>().ScheduleAsync(engine.Client, draft, OutputNamePolicy.Exact));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var meta = await engine.Client.WaitForInstanceCompletionAsync(draft.GenerationId, getInputsAndOutputs: true, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, meta.RuntimeStatus);
        var outcome = meta.ReadOutputAs<GenerationOutcome>()!;
        Assert.Equal(GenerationPhase.Succeeded, outcome.Status);
        var polls = runway.Activity.Requests
            .Where(r => r.Kind == RouteKind.Read && r.Method == "GET" && r.TaskId == outcome.RunwayTaskId)
            .Select(r => r.At).OrderBy(at => at).ToList();
        var gaps = polls.Zip(polls.Skip(1), (a, b) => b - a).ToList();
        PollingBenchOutput.Record($"floor {interval} / ceiling {maxInterval}, {generationSeconds} s task", polls.Count, gaps);
        Assert.NotEmpty(gaps);
        var tooSoon = gaps.Where(gap => gap < floor).ToList();
        Assert.True(tooSoon.Count == 0, $"{tooSoon.Count} of {gaps.Count} polls followed the previous one sooner than the floor {floor}; shortest {gaps.Min().TotalMilliseconds:F1} ms");
        // Not wastefully slower either: no more than the floor's count plus the status GET of the copy.
        Assert.True(polls.Count <= generationSeconds / floor.TotalSeconds + 3, $"{polls.Count} GETs for a {generationSeconds} s task");
    }
}
