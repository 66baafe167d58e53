namespace RunwayRelay.IntegrationTests.Emulator;

/// <summary>Progress as Runway reports it: in steps at most every ProgressUpdateInterval, off a straight line, never down.</summary>
public sealed class EmulatorProgressTests : EmulatorTestBase
{
    private async Task<List<double>> ProgressAtAsync(string id, IEnumerable<double> seconds)
    {
        var seen = new List<double>();
        foreach (var s in seconds)
        {
            Clock.Offset = TimeSpan.FromSeconds(s);
            var task = await GetTaskAsync(id);
            Assert.Equal("RUNNING", task.GetProperty("status").GetString());
            seen.Add(task.GetProperty("progress").GetDouble());
        }
        return seen;
    }

    [Fact]
    public async Task Progress_WithUpdateIntervalAndNoise_StepsEveryIntervalOffTheLineNeverDown()
    {
        Runway.Options.QueueTime = TimeSpan.Zero;
        Runway.Options.GenerationTime = TimeSpan.FromSeconds(100);
        Runway.Options.ProgressUpdateInterval = TimeSpan.FromSeconds(5);
        Runway.Options.ProgressNoise = 0.2;
        var id = await CreateTaskAsync();

        // Two reads inside each 5 s window, 1 s and 3.5 s into it.
        var times = Enumerable.Range(0, 19).SelectMany(k => new[] { 5 * k + 1.0, 5 * k + 3.5 }).ToList();
        var seen = await ProgressAtAsync(id, times);

        for (int i = 0; i < seen.Count; i += 2)
        {
            Assert.Equal(seen[i], seen[i + 1]); // no change within one update interval
        }
        Assert.Equal(0, seen[0]);
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.Second >= p.First), "progress never goes down: " + string.Join(", ", seen));
        Assert.All(seen, p => Assert.InRange(p, 0, 0.999));
        double offLine = times.Zip(seen).Max(p => Math.Abs(p.Second - Math.Floor(p.First / 5) * 5 / 100));
        Assert.True(offLine > 0.01, $"progress should not be a straight line; largest distance {offLine}");
    }

    [Fact]
    public async Task Progress_WithoutNoiseOrSteps_IsTheStraightLine()
    {
        Runway.Options.QueueTime = TimeSpan.Zero;
        Runway.Options.GenerationTime = TimeSpan.FromSeconds(100);
        Runway.Options.ProgressUpdateInterval = TimeSpan.Zero;
        Runway.Options.ProgressNoise = 0;
        var id = await CreateTaskAsync();
        // Stopped, so a slow machine between two reads cannot bend the line (it did, under a full test run).
        Clock.FrozenAt = TimeProvider.System.GetUtcNow();

        var seen = await ProgressAtAsync(id, [10, 50, 90]);

        // Equal steps for equal times (the task was created a moment before the clock stopped, so compare differences).
        Assert.InRange(seen[1] - seen[0], 0.399, 0.401);
        Assert.InRange(seen[2] - seen[1], 0.399, 0.401);
    }

    [Fact]
    public async Task GenerationTime_WithSpreadAndModelSpeed_VariesPerTaskWithinTheRange()
    {
        Runway.Options.QueueTime = TimeSpan.Zero;
        Runway.Options.GenerationTime = TimeSpan.FromSeconds(100);
        Runway.Options.GenerationTimeSpread = TimeSpan.FromSeconds(80);
        // gen4.5 (the tasks below) twice as fast: 20..180 s become 10..90 s.
        Runway.Options.Models["gen4.5"] = new ModelLimitOptions { MaxConcurrentGenerations = 100, MaxDailyGenerations = 200, Speed = 2 };
        for (int i = 0; i < 12; i++)
        {
            await CreateTaskAsync();
        }
        Clock.Offset = TimeSpan.FromSeconds(200);

        var durations = Runway.Tasks.Select(t => (t.EndedAt!.Value - t.StartedAt!.Value).TotalSeconds).ToList();
        Assert.Equal(12, durations.Count);
        Assert.All(durations, d => Assert.InRange(d, 10, 90));
        Assert.True(durations.Max() - durations.Min() > 40, "generation times should spread: " + string.Join(", ", durations));
    }
}
