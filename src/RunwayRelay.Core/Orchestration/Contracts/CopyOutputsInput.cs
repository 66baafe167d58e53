using System.Text.Json.Serialization;
using RunwayRelay.Generations;

namespace RunwayRelay.Orchestration;

public sealed record CopyOutputsInput(string GenerationId, string RunwayTaskId, string Model, string PromptSha256, string OutputBlobName)
{
    /// <summary><see cref="Generations.GenerationInput.TraceParent"/>: the generation's trace, for the activity's span. Null in messages from older versions.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TraceParent { get; init; }

    /// <summary>How long the task took from its creation, recorded for the poll schedules of later generations of its kind once the copy succeeds; null in messages from older versions.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RunTimeSample? RunTime { get; init; }
}
