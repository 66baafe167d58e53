using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

public abstract record RunwayVideoRequest : RunwayGenerationRequest
{
    [JsonPropertyName("ratio"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Ratio { get; init; }

    [JsonPropertyName("duration"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Duration { get; init; }

    [JsonPropertyName("audio"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Audio { get; init; }

    [JsonPropertyName("negativePrompt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NegativePrompt { get; init; }

    [JsonPropertyName("contentModeration"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ContentModeration? ContentModeration { get; init; }
}
