namespace RunwayRelay.Generations;

/// <summary>
/// State carried across <c>ContinueAsNew</c>: the submitted task and how far polling got. Everything after
/// <see cref="LastProgress"/> feeds the poll schedule (<c>PollingPlan</c>); it is optional so that checkpoints written
/// before it existed still load (the schedule then falls back to its backoff).
/// </summary>
public sealed record GenerationCheckpoint(
    string RunwayTaskId,
    int PollCount,
    string? LastRunwayStatus,
    double? LastProgress)
{
    /// <summary>When the last status read got its answer (the activity's clock): the floor counts from here.</summary>
    public DateTimeOffset? LastPolledAt { get; init; }

    /// <summary>Runway's <c>createdAt</c> of the task.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The first progress seen while RUNNING, and when: one end of the rate estimate.</summary>
    public double? FirstProgress { get; init; }

    public DateTimeOffset? FirstProgressAt { get; init; }

    /// <summary>When <see cref="LastProgress"/> was first seen: the other end of the rate estimate.</summary>
    public DateTimeOffset? ProgressAt { get; init; }

    /// <summary>Polls in a row that taught nothing new (same status, same progress, or unreadable): drives the backoff.</summary>
    public int UninformativePolls { get; init; }

    /// <summary>
    /// How long Runway held the task THROTTLED (the organization at its concurrency limit), measured from the polls:
    /// an interval between two THROTTLED answers counts whole, one next to another status half.
    /// </summary>
    public TimeSpan ThrottledFor { get; init; }
}
