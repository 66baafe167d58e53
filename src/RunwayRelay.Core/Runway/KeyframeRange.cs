using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

/// <summary>Whole seconds, end exclusive; Runway spells these in snake_case.</summary>
public sealed record KeyframeRange(
    [property: JsonPropertyName("start_seconds")] int StartSeconds,
    [property: JsonPropertyName("end_seconds")] int EndSeconds);
