using System.Text.Json.Serialization;

namespace RunwayRelay.Orchestration;

/// <summary>
/// Input of <see cref="StartCallbackDeliveryActivity"/>. <see cref="LegacyCallbackUrl"/> is only set for a generation
/// started before payloads moved out of durable state.
/// </summary>
public sealed record StartCallbackDeliveryInput(string GenerationId, CompletionNotice Notice, Uri? LegacyCallbackUrl = null)
{
    /// <summary><see cref="Generations.GenerationInput.TraceParent"/>: the generation's trace, for the activity's span. Null in messages from older versions.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TraceParent { get; init; }
}
