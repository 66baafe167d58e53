using System.Text.Json.Serialization;
using RunwayRelay.Runway;

namespace RunwayRelay.Generations;

/// <summary>
/// State carried across <c>ContinueAsNew</c>: the submitted task and how far polling got. Everything after
/// <see cref="LastProgress"/> feeds the poll schedule (<c>PollingPlan</c>); it is optional so that checkpoints written
/// before it existed still load (the schedule then falls back to its backoff).
/// </summary>
public sealed record GenerationCheckpoint(
    string RunwayTaskId,
    int PollCount,
    RunwayTaskStatus? LastRunwayStatus,
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
    /// Seconds the task was seen PENDING (or not yet seen), THROTTLED and RUNNING, each interval between two answers
    /// counted to the status of the first; reported as metrics when the task ends. Zero in checkpoints from before.
    /// </summary>
    public double QueuedSeconds { get; init; }

    public double ThrottledSeconds { get; init; }

    public double RunningSeconds { get; init; }

    /// <summary>Whether the <c>generation.running</c> callback event was attempted (it is sent once).</summary>
    public bool RunningNotified { get; init; }

    /// <summary>When the last <c>generation.progress</c> callback event was attempted: the next waits the progress interval.</summary>
    public DateTimeOffset? ProgressNotifiedAt { get; init; }

    /// <summary>
    /// How long Runway held the task THROTTLED (the organization at its concurrency limit), measured from the polls:
    /// an interval between two THROTTLED answers counts whole, one next to another status half.
    /// </summary>
    public TimeSpan ThrottledFor { get; init; }

    /// <summary>
    /// What earlier generations like this one took (<see cref="RunTimePrior"/>), as the submission found it; null in
    /// checkpoints from before, and when the submission was recovered from an earlier attempt.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RunTimePrior? Prior { get; init; }
}
