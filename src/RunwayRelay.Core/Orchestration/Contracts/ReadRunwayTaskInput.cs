using System.Text.Json.Serialization;

namespace RunwayRelay.Orchestration;

/// <summary>
/// Input of <see cref="ReadRunwayTaskActivity"/>: the task, and the earliest moment its GET may be sent (the previous
/// answer plus the floor), which the activity holds whatever the durable backend's timers did. Reads a bare task-id
/// string too: that is what the activity took before, and such messages may still be queued when this version starts.
/// </summary>
[JsonConverter(typeof(ReadRunwayTaskInputConverter))]
public sealed record ReadRunwayTaskInput(string RunwayTaskId, DateTimeOffset? NotBefore = null)
{
    /// <summary><see cref="Generations.GenerationInput.TraceParent"/>: the generation's trace, for the activity's span. Null in messages from older versions.</summary>
    public string? TraceParent { get; init; }
}
