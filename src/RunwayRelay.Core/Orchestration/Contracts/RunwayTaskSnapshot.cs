using System.Text.Json.Serialization;

namespace RunwayRelay.Orchestration;

/// <summary>Result of <see cref="ReadRunwayTaskActivity"/>: a task's state without its output URLs (they are signed and must not enter history).</summary>
[JsonConverter(typeof(RunwayTaskSnapshotJsonConverter))]
public abstract record RunwayTaskSnapshot
{
    /// <summary>When the read got its answer (the activity's clock; null from activities older than the field).</summary>
    public DateTimeOffset? ReadAt { get; init; }
}

/// <summary>What Runway reported, with the task's <c>createdAt</c>.</summary>
public sealed record TaskObserved(string Status, double? Progress = null, string? Failure = null, string? FailureCode = null) : RunwayTaskSnapshot
{
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Runway's <c>cost.credits</c> of an ended task, when it reports one.</summary>
    public double? CostCredits { get; init; }
}

/// <summary>The read failed in a way worth trying again at the next poll.</summary>
public sealed record TaskUnreadable(string Error) : RunwayTaskSnapshot;

/// <summary>The task can never be read again (gone, or the key refused): the generation ends.</summary>
public sealed record TaskLost(string ErrorCode, string ErrorMessage) : RunwayTaskSnapshot;
