using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

/// <summary><c>POST /v1/text_to_image</c>.</summary>
public sealed record TextToImageRequest : RunwayGenerationRequest
{
    [JsonIgnore] public override string Endpoint => RunwayEndpoints.TextToImage;

    [JsonPropertyName("ratio")] public string? Ratio { get; init; }

    [JsonPropertyName("referenceImages")] public IReadOnlyList<ReferenceImage>? ReferenceImages { get; init; }

    [JsonPropertyName("contentModeration")] public ContentModeration? ContentModeration { get; init; }
}
