namespace RunwayRelay.Tests.Orchestration;

public sealed class PollingPlanTests
{
    private static readonly PollingSchedule Defaults = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(30));
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A RUNNING task seen at <paramref name="p1"/> at T0+<paramref name="s1"/> and <paramref name="p2"/> at T0+<paramref name="s2"/>, last polled then.</summary>
    private static GenerationCheckpoint Running(double p1, double s1, double p2, double s2) =>
        new("task-1", 3, RunwayTaskStatus.Running, p2)
        {
            CreatedAt = T0,
            FirstProgress = p1,
            FirstProgressAt = T0.AddSeconds(s1),
            ProgressAt = T0.AddSeconds(s2),
            LastPolledAt = T0.AddSeconds(s2),
        };

    [Fact]
    public void NextPollAt_ProgressMovingEndNear_PollsJustAfterPredictedEnd()
    {
        // 0.2 → 0.7 in 15 s: 1/30 per s, 9 s to go from a value set half a floor (2.5 s) before it was seen.
        var checkpoint = Running(0.2, 10, 0.7, 25);

        var end = PollingPlan.PredictEnd(Defaults, checkpoint);
        var next = PollingPlan.NextPollAt(Defaults, checkpoint, T0.AddSeconds(25));

        Assert.Equal(T0.AddSeconds(25 - 2.5 + 9), end!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(end.Value + TimeSpan.FromSeconds(1.5), next); // margin 0.3 floor
    }

    [Fact]
    public void NextPollAt_PredictedEndMoreThanTwoFloorsAway_ApproachesItFirst()
    {
        // 0.2 → 0.5 in 15 s: 0.02/s, the end 22.5 s after the last answer, within the ceiling.
        var checkpoint = Running(0.2, 10, 0.5, 25);

        var end = PollingPlan.PredictEnd(Defaults, checkpoint);
        var next = PollingPlan.NextPollAt(Defaults, checkpoint, T0.AddSeconds(25));

        Assert.Equal(T0.AddSeconds(47.5), end);
        Assert.Equal(T0.AddSeconds(25 + 0.6 * 22.5), next);
    }

    [Theory]
    [InlineData(20, 20)] // the prior's shortest
    [InlineData(3, 5)] // never sooner than the floor
    [InlineData(90, 30)] // never later than the ceiling
    public void NextPollAt_FirstPollWithPrior_WaitsForTheShortestEarlierRunTime(double shortestSeconds, double expectedSeconds)
    {
        var submitted = new GenerationCheckpoint("task-1", 0, null, null) { Prior = new RunTimePrior("kind", TimeSpan.FromSeconds(shortestSeconds)) };

        Assert.Equal(T0.AddSeconds(expectedSeconds), PollingPlan.NextPollAt(Defaults, submitted, T0));
    }

    [Fact]
    public void NextPollAt_FirstPollWithoutShortest_WaitsTheFloor()
    {
        var submitted = new GenerationCheckpoint("task-1", 0, null, null) { Prior = new RunTimePrior("kind") };

        Assert.Equal(T0 + Defaults.Interval, PollingPlan.NextPollAt(Defaults, submitted, T0));
    }

    [Fact]
    public void NextPollAt_QueuedBeforeTheShortestHasPassed_WaitsUntilItCountedFromCreation()
    {
        // PENDING at 15 s: the backoff says 5 s more, but nothing of this kind ever ended before 40 s after creation.
        var queued = new GenerationCheckpoint("task-1", 1, RunwayTaskStatus.Pending, null)
        {
            CreatedAt = T0,
            LastPolledAt = T0.AddSeconds(15),
            Prior = new RunTimePrior("kind", TimeSpan.FromSeconds(40)),
        };

        Assert.Equal(T0.AddSeconds(40), PollingPlan.NextPollAt(Defaults, queued, T0.AddSeconds(15)));
    }

    [Fact]
    public void RunTimeOf_SeenGoingThenDone_TakesTheMiddleSinceCreation()
    {
        var going = new GenerationCheckpoint("task-1", 2, RunwayTaskStatus.Running, 0.9) { CreatedAt = T0, LastPolledAt = T0.AddSeconds(30), Prior = new RunTimePrior("kind") };

        var sample = PollingPlan.RunTimeOf(Defaults, going, new TaskObserved(RunwayTaskStatus.Succeeded) { CreatedAt = T0 }, T0.AddSeconds(36));

        Assert.Equal(new RunTimeSample("kind", TimeSpan.FromSeconds(33)), sample);
    }

    [Fact]
    public void RunTimeOf_FirstAnswerAlreadyDone_CountsOneFloorBeforeAsTheLastSeenGoing()
    {
        // The first poll came at the prior's 20 s and found it done: 17.5 s goes on record, so the next one polls sooner.
        var submitted = new GenerationCheckpoint("task-1", 0, null, null) { Prior = new RunTimePrior("kind", TimeSpan.FromSeconds(20)) };

        var sample = PollingPlan.RunTimeOf(Defaults, submitted, new TaskObserved(RunwayTaskStatus.Succeeded) { CreatedAt = T0 }, T0.AddSeconds(20));

        Assert.Equal(TimeSpan.FromSeconds(17.5), sample?.Took);
    }

    [Fact]
    public void RunTimeOf_CheckpointWithoutPrior_RecordsNothing()
    {
        var legacy = new GenerationCheckpoint("task-1", 2, RunwayTaskStatus.Running, 0.9) { CreatedAt = T0, LastPolledAt = T0.AddSeconds(30) };

        Assert.Null(PollingPlan.RunTimeOf(Defaults, legacy, new TaskObserved(RunwayTaskStatus.Succeeded) { CreatedAt = T0 }, T0.AddSeconds(36)));
    }

    [Fact]
    public void NextPollAt_PredictedEndSoonerThanFloor_WaitsTheFloorFromTheLastAnswer()
    {
        var checkpoint = Running(0.5, 10, 0.98, 20);

        var next = PollingPlan.NextPollAt(Defaults, checkpoint, T0.AddSeconds(20.3));

        Assert.True(PollingPlan.PredictEnd(Defaults, checkpoint) < T0.AddSeconds(25));
        Assert.Equal(T0.AddSeconds(20) + Defaults.Interval, next);
    }

    [Fact]
    public void NextPollAt_PredictedEndBeyondCeiling_WaitsTheCeiling()
    {
        var checkpoint = Running(0.01, 5, 0.02, 15);

        var next = PollingPlan.NextPollAt(Defaults, checkpoint, T0.AddSeconds(15));

        Assert.True(PollingPlan.PredictEnd(Defaults, checkpoint) > T0.AddSeconds(100));
        Assert.Equal(T0.AddSeconds(15) + Defaults.MaxInterval, next);
    }

    [Theory]
    [InlineData("THROTTLED")]
    [InlineData("PENDING")]
    public void NextPollAt_QueuedOrThrottled_BacksOffFromFloorToCeiling(string status)
    {
        var checkpoint = new GenerationCheckpoint("task-1", 0, null, null);
        var now = T0;
        var gaps = new List<double>();
        for (int i = 0; i < 8; i++)
        {
            var at = PollingPlan.NextPollAt(Defaults, checkpoint, now);
            gaps.Add((at - (checkpoint.LastPolledAt ?? now)).TotalSeconds);
            now = at;
            checkpoint = PollingPlan.Advance(checkpoint, new TaskObserved(status) { ReadAt = at, CreatedAt = T0 }, at);
        }

        Assert.Equal([5, 5, 7.5, 11.25, 16.875, 25.3125, 30, 30], gaps);
    }

    [Fact]
    public void NextPollAt_ProgressStalled_FallsBackToBackoffInsteadOfPollingAtTheFloor()
    {
        var checkpoint = Running(0.2, 10, 0.5, 25);
        for (int i = 1; i <= 3; i++)
        {
            var at = T0.AddSeconds(25 + 5 * i);
            checkpoint = PollingPlan.Advance(checkpoint, new TaskObserved(RunwayTaskStatus.Running, 0.5) { ReadAt = at }, at);
        }

        Assert.Equal(3, checkpoint.UninformativePolls);
        Assert.Null(PollingPlan.PredictEnd(Defaults, checkpoint)); // 15 s without news is more than 2.5 floors
        Assert.Equal(checkpoint.LastPolledAt + PollingPlan.DelayBefore(Defaults, 3), PollingPlan.NextPollAt(Defaults, checkpoint, T0.AddSeconds(40)));
    }

    [Fact]
    public void NextPollAt_SameCheckpointReplayedLater_GivesTheSameMoment()
    {
        var checkpoint = Running(0.2, 10, 0.5, 25);

        var first = PollingPlan.NextPollAt(Defaults, checkpoint, T0.AddSeconds(25.1));
        var replayed = PollingPlan.NextPollAt(Defaults, checkpoint, T0.AddSeconds(25.9));

        Assert.Equal(first, replayed);
    }

    [Fact]
    public void NextPollAt_CheckpointFromBeforeTheFields_WaitsTheFloorFromNow()
    {
        var legacy = new GenerationCheckpoint("task-1", 4, RunwayTaskStatus.Running, 0.4);

        Assert.Equal(T0 + Defaults.Interval, PollingPlan.NextPollAt(Defaults, legacy, T0));
    }

    [Fact]
    public void NextPollAt_OneRunningSample_PredictsFromCreatedAtNeverEarlierThanTheLine()
    {
        var checkpoint = PollingPlan.Advance(new GenerationCheckpoint("task-1", 1, RunwayTaskStatus.Pending, null) { CreatedAt = T0 },
            new TaskObserved(RunwayTaskStatus.Running, 0.25) { ReadAt = T0.AddSeconds(12.5), CreatedAt = T0 }, T0.AddSeconds(12.5));

        // 0.25 at 10 s (seen 12.5, less half a floor) since creation: 40 s in all.
        Assert.Equal(T0.AddSeconds(40), PollingPlan.PredictEnd(Defaults, checkpoint));
    }

    [Fact]
    public void Advance_ProgressGoesDown_KeepsTheEstimateAndCountsNoNews()
    {
        var checkpoint = Running(0.2, 10, 0.5, 25);

        var next = PollingPlan.Advance(checkpoint, new TaskObserved(RunwayTaskStatus.Running, 0.45) { ReadAt = T0.AddSeconds(30) }, T0.AddSeconds(30));

        Assert.Equal(0.5, next.LastProgress);
        Assert.Equal(checkpoint.ProgressAt, next.ProgressAt);
        Assert.Equal(1, next.UninformativePolls);
        Assert.Equal(T0.AddSeconds(30), next.LastPolledAt);
    }

    [Fact]
    public void Advance_Unreadable_KeepsStatusAndSamples()
    {
        var checkpoint = Running(0.2, 10, 0.5, 25);

        var next = PollingPlan.Advance(checkpoint, new TaskUnreadable("timeout"), T0.AddSeconds(31));

        // The 6 s since the last answer count as running: RUNNING was the last status seen.
        Assert.Equal(checkpoint with { PollCount = 4, LastPolledAt = T0.AddSeconds(31), UninformativePolls = 1, RunningSeconds = 6 }, next);
    }

    [Fact]
    public void NextPollAt_MillisecondSchedule_HoldsFloorAndCeiling()
    {
        var fast = new PollingSchedule(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));
        var soon = Running(0.5, 0.1, 0.99, 0.2);
        var far = Running(0.01, 0.1, 0.02, 0.2);

        Assert.Equal(T0.AddSeconds(0.3), PollingPlan.NextPollAt(fast, soon, T0.AddSeconds(0.2)));
        Assert.Equal(T0.AddSeconds(0.4), PollingPlan.NextPollAt(fast, far, T0.AddSeconds(0.2)));
    }

    [Fact]
    public void Advance_PendingThrottledRunning_CountsEachIntervalToTheStatusSeenAtItsStart()
    {
        var checkpoint = new GenerationCheckpoint("task-1", 0, null, null);
        // Created at T0; seen PENDING at 4 s, THROTTLED at 10 s and 15 s, RUNNING at 20 s, SUCCEEDED at 32 s.
        checkpoint = PollingPlan.Advance(checkpoint, new TaskObserved(RunwayTaskStatus.Pending) { ReadAt = T0.AddSeconds(4), CreatedAt = T0 }, T0);
        checkpoint = PollingPlan.Advance(checkpoint, new TaskObserved(RunwayTaskStatus.Throttled) { ReadAt = T0.AddSeconds(10) }, T0);
        checkpoint = PollingPlan.Advance(checkpoint, new TaskObserved(RunwayTaskStatus.Throttled) { ReadAt = T0.AddSeconds(15) }, T0);
        checkpoint = PollingPlan.Advance(checkpoint, new TaskObserved(RunwayTaskStatus.Running, 0.1) { ReadAt = T0.AddSeconds(20) }, T0);
        var final = PollingPlan.Timed(checkpoint, new TaskObserved(RunwayTaskStatus.Succeeded) { ReadAt = T0.AddSeconds(32) }, T0.AddSeconds(32));

        Assert.Equal(10, final.QueuedSeconds);
        Assert.Equal(10, final.ThrottledSeconds);
        Assert.Equal(12, final.RunningSeconds);
    }

    [Fact]
    public void Advance_UnreadablePoll_CountsTheIntervalToTheLastKnownStatus()
    {
        var checkpoint = new GenerationCheckpoint("task-1", 2, RunwayTaskStatus.Running, 0.3) { LastPolledAt = T0, RunningSeconds = 5 };

        var next = PollingPlan.Advance(checkpoint, new TaskUnreadable("503") { ReadAt = T0.AddSeconds(7) }, T0.AddSeconds(7));

        Assert.Equal(12, next.RunningSeconds);
        Assert.Equal(0, next.QueuedSeconds);
    }

    [Theory]
    [InlineData("THROTTLED", "THROTTLED", 10)]
    [InlineData("PENDING", "THROTTLED", 5)]
    [InlineData("THROTTLED", "RUNNING", 5)]
    [InlineData("PENDING", "RUNNING", 0)]
    public void Advance_ThrottledAnswers_AddTheirTimeToThrottledFor(string before, string now, double addedSeconds)
    {
        var checkpoint = new GenerationCheckpoint("task-1", 2, before, null) { LastPolledAt = T0, ThrottledFor = TimeSpan.FromSeconds(3) };

        var next = PollingPlan.Advance(checkpoint, new TaskObserved(now) { ReadAt = T0.AddSeconds(10), CreatedAt = T0.AddSeconds(-20) }, T0.AddSeconds(10));

        Assert.Equal(TimeSpan.FromSeconds(3 + addedSeconds), next.ThrottledFor);
    }

    [Fact]
    public void Advance_FirstPollThrottled_CountsHalfFromCreation()
    {
        var checkpoint = new GenerationCheckpoint("task-1", 0, null, null);

        var next = PollingPlan.Advance(checkpoint, new TaskObserved(RunwayTaskStatus.Throttled) { ReadAt = T0.AddSeconds(8), CreatedAt = T0 }, T0.AddSeconds(8));

        Assert.Equal(TimeSpan.FromSeconds(4), next.ThrottledFor);
    }

    [Fact]
    public void DelayBefore_MillisecondSchedule_GrowsByHalfUpToMax()
    {
        var schedule = new PollingSchedule(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.FromMilliseconds(100), PollingPlan.DelayBefore(schedule, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(150), PollingPlan.DelayBefore(schedule, 1));
        Assert.Equal(TimeSpan.FromMilliseconds(200), PollingPlan.DelayBefore(schedule, 2));
        Assert.Equal(TimeSpan.FromMilliseconds(200), PollingPlan.DelayBefore(schedule, 10_000));
    }
}
