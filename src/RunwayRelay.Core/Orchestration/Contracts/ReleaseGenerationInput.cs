using System.Text.Json.Serialization;

namespace RunwayRelay.Orchestration;

/// <summary>
/// Input of <see cref="ReleaseGenerationActivity"/>: whose payload to delete and which name reservation to free, and,
/// for a generation with a callback, the notice whose delivery it starts first.
/// </summary>
public sealed record ReleaseGenerationInput(string GenerationId, string OutputBlobName)
{
    /// <summary><see cref="Generations.GenerationInput.TraceParent"/>: the generation's trace, for the activity's span. Null in messages from older versions.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TraceParent { get; init; }

    /// <summary>The completion notice to deliver before releasing; null without a callback, and in messages from older versions.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CompletionNotice? Notice { get; init; }

    /// <summary>Only for a generation started before payloads moved out of durable state: its callback URL.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Uri? LegacyCallbackUrl { get; init; }
}
