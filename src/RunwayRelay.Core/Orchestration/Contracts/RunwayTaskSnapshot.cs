using System.Text.Json.Serialization;

namespace RunwayRelay.Orchestration;

/// <summary>Result of <see cref="ReadRunwayTaskActivity"/>: a task's state without its output URLs (they are signed and must not enter history).</summary>
[JsonConverter(typeof(RunwayTaskSnapshotJsonConverter))]
public abstract record RunwayTaskSnapshot
{
    /// <summary>When the read got its answer (the activity's clock; null from activities older than the field).</summary>
    public DateTimeOffset? ReadAt { get; init; }
}
