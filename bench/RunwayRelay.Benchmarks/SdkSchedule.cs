using RunwayRelay.Generations;
using RunwayRelay.Orchestration;

namespace RunwayRelay.Benchmarks;

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
