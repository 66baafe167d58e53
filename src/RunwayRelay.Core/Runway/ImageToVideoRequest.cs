using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

/// <summary><c>POST /v1/image_to_video</c>. A single image without position is sent as a bare string.</summary>
public sealed record ImageToVideoRequest : RunwayVideoRequest
{
    [JsonIgnore] public override string Endpoint => RunwayEndpoints.ImageToVideo;

    [JsonPropertyName("promptImage"), JsonConverter(typeof(PromptImageListConverter))]
    public IReadOnlyList<PromptImage> PromptImage { get; init; } = [];
}
