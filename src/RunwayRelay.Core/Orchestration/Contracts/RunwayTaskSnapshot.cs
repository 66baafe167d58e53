using System.Text.Json.Serialization;

namespace RunwayRelay.Orchestration;

/// <summary>Result of <see cref="ReadRunwayTaskActivity"/>: a task's state without its output URLs (they are signed and must not enter history).</summary>
[JsonConverter(typeof(RunwayTaskSnapshotJsonConverter))]
public abstract record RunwayTaskSnapshot;

/// <summary>What Runway reported.</summary>
public sealed record TaskObserved(string Status, double? Progress = null, string? Failure = null, string? FailureCode = null) : RunwayTaskSnapshot;

/// <summary>The read failed in a way worth trying again at the next poll.</summary>
public sealed record TaskUnreadable(string Error) : RunwayTaskSnapshot;

/// <summary>The task can never be read again (gone, or the key refused): the generation ends.</summary>
public sealed record TaskLost(string ErrorCode, string ErrorMessage) : RunwayTaskSnapshot;
