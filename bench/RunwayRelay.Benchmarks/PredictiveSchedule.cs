using RunwayRelay.Generations;
using RunwayRelay.Orchestration;

namespace RunwayRelay.Benchmarks;

/// <summary>
/// RunwayRelay's schedule: the production <see cref="PollingPlan"/> on the production checkpoint, with the production
/// <see cref="ModelRunTimes"/> learning from every task it saw succeed (in earlier runs of the same process too), as the
/// submission and the copy do.
/// </summary>
internal sealed class PredictiveSchedule(PollingSchedule schedule, ModelRunTimes runTimes, string kind, string name = "RunwayRelay (progress-aware)") : PollSchedule
{
    public override string Name => name;

    public override ITaskPoller Start(DateTimeOffset submittedAt) => new Poller(schedule, runTimes, runTimes.PriorFor(kind));

    private sealed class Poller(PollingSchedule schedule, ModelRunTimes runTimes, RunTimePrior prior) : ITaskPoller
    {
        private GenerationCheckpoint _checkpoint = new("task", 0, null, null) { Prior = prior };

        public DateTimeOffset NextPollAt(DateTimeOffset now) => PollingPlan.NextPollAt(schedule, _checkpoint, now);

        public void Observed(string status, double? progress, DateTimeOffset? createdAt, DateTimeOffset answeredAt) =>
            _checkpoint = PollingPlan.Advance(_checkpoint, new TaskObserved(status, progress) { CreatedAt = createdAt, ReadAt = answeredAt }, answeredAt);

        public void Succeeded(DateTimeOffset? createdAt, DateTimeOffset answeredAt)
        {
            var done = new TaskObserved("SUCCEEDED") { CreatedAt = createdAt, ReadAt = answeredAt };
            if (PollingPlan.RunTimeOf(schedule, _checkpoint, done, answeredAt) is { } sample)
            {
                runTimes.Record(sample);
            }
        }
    }
}
