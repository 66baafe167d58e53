using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

public abstract record RunwayVideoRequest : RunwayGenerationRequest
{
    [JsonPropertyName("ratio")] public string? Ratio { get; init; }

    [JsonPropertyName("duration")] public int? Duration { get; init; }

    [JsonPropertyName("audio")] public bool? Audio { get; init; }

    [JsonPropertyName("negativePrompt")] public string? NegativePrompt { get; init; }

    [JsonPropertyName("contentModeration")] public ContentModeration? ContentModeration { get; init; }
}
