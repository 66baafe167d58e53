using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

/// <summary><c>POST /v1/text_to_video</c>.</summary>
public sealed record TextToVideoRequest : RunwayVideoRequest
{
    [JsonIgnore] public override string Endpoint => RunwayEndpoints.TextToVideo;

    /// <summary>Reference images (seedance2 family).</summary>
    [JsonPropertyName("references")] public IReadOnlyList<MediaReference>? References { get; init; }
}
