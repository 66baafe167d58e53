namespace RunwayRelay.Benchmarks;

/// <summary>One way of deciding when to GET a task next, run against the same emulated tasks as the others.</summary>
internal abstract class PollSchedule
{
    public abstract string Name { get; }

    /// <summary>A fresh poller for one task (schedules keep per-task state).</summary>
    public abstract ITaskPoller Start(DateTimeOffset submittedAt);
}
