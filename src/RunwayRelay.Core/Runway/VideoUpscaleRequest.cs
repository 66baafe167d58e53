using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

/// <summary><c>POST /v1/video_upscale</c>.</summary>
public sealed record VideoUpscaleRequest : RunwayGenerationRequest
{
    [JsonIgnore] public override string Endpoint => RunwayEndpoints.VideoUpscale;

    [JsonPropertyName("videoUri")] public string VideoUri { get; init; } = "";

    /// <summary><c>720p</c>, <c>1k</c>, <c>2k</c> (Runway's default) or <c>4k</c>.</summary>
    [JsonPropertyName("resolution")] public string? Resolution { get; init; }
}
