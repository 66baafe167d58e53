using System.Text.Json.Serialization;

namespace RunwayRelay.Orchestration;

/// <summary>Input of <see cref="ReleaseGenerationActivity"/>: whose payload to delete and which name reservation to free.</summary>
public sealed record ReleaseGenerationInput(string GenerationId, string OutputBlobName)
{
    /// <summary><see cref="Generations.GenerationInput.TraceParent"/>: the generation's trace, for the activity's span. Null in messages from older versions.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TraceParent { get; init; }
}
