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
