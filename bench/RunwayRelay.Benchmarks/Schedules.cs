using RunwayRelay.Generations;
using RunwayRelay.Orchestration;

namespace RunwayRelay.Benchmarks;

/// <summary>RunwayRelay's schedule: the production <see cref="PollingPlan"/> on the production checkpoint.</summary>
internal sealed class PredictiveSchedule(PollingSchedule schedule) : PollSchedule
{
    public override string Name => "RunwayRelay (progress-aware)";

    public override ITaskPoller Start(DateTimeOffset submittedAt) => new Poller(schedule);

    private sealed class Poller(PollingSchedule schedule) : ITaskPoller
    {
        private GenerationCheckpoint _checkpoint = new("task", 0, null, null);

        public DateTimeOffset NextPollAt(DateTimeOffset now) => PollingPlan.NextPollAt(schedule, _checkpoint, now);

        public void Observed(string status, double? progress, DateTimeOffset? createdAt, DateTimeOffset answeredAt) =>
            _checkpoint = PollingPlan.Advance(_checkpoint, new TaskObserved(status, progress) { CreatedAt = createdAt, ReadAt = answeredAt }, answeredAt);
    }
}

/// <summary>The schedule RunwayRelay had before: Interval ×1.5 per poll up to MaxInterval, from the previous poll.</summary>
internal sealed class BackoffSchedule(PollingSchedule schedule) : PollSchedule
{
    public override string Name => "RunwayRelay before (5 s ×1.5 to 30 s)";

    public override ITaskPoller Start(DateTimeOffset submittedAt) => new Poller(schedule);

    private sealed class Poller(PollingSchedule schedule) : ITaskPoller
    {
        private int _polls;

        public DateTimeOffset NextPollAt(DateTimeOffset now) => now + PollingPlan.DelayBefore(schedule, _polls);

        public void Observed(string status, double? progress, DateTimeOffset? createdAt, DateTimeOffset answeredAt) => _polls++;
    }
}

/// <summary>
/// The official SDKs' <c>waitForTaskOutput</c>: sleep 6 s ± 1.5 s (uniform) before every GET, the first included
/// (the Node SDK sleeps once after a create).
/// </summary>
internal sealed class SdkSchedule(double scale, int seed) : PollSchedule
{
    private int _next = seed;

    public override string Name => "Official SDK waitForTaskOutput (6 s ± 1.5 s)";

    public override ITaskPoller Start(DateTimeOffset submittedAt) => new Poller(scale, new Random(Interlocked.Increment(ref _next)));

    private sealed class Poller(double scale, Random random) : ITaskPoller
    {
        public DateTimeOffset NextPollAt(DateTimeOffset now) => now + TimeSpan.FromSeconds((6 + 3 * random.NextDouble() - 1.5) * scale);

        public void Observed(string status, double? progress, DateTimeOffset? createdAt, DateTimeOffset answeredAt)
        {
        }
    }
}
