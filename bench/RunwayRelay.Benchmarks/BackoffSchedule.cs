using RunwayRelay.Generations;
using RunwayRelay.Orchestration;

namespace RunwayRelay.Benchmarks;

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
