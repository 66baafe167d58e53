using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

/// <summary><c>POST /v1/video_to_video</c>: aleph2 and gemini_omni_flash take <c>videoUri</c>, seedance2* <c>promptVideo</c>.</summary>
public sealed record VideoToVideoRequest : RunwayVideoRequest
{
    [JsonIgnore] public override string Endpoint => RunwayEndpoints.VideoToVideo;

    [JsonPropertyName("videoUri")] public string? VideoUri { get; init; }

    [JsonPropertyName("promptVideo")] public string? PromptVideo { get; init; }

    /// <summary>Reference images (seedance2 family, gemini_omni_flash).</summary>
    [JsonPropertyName("references")] public IReadOnlyList<MediaReference>? References { get; init; }

    /// <summary>aleph2 keyframes (1 to 5).</summary>
    [JsonPropertyName("keyframes")] public IReadOnlyList<VideoKeyframe>? Keyframes { get; init; }

    /// <summary>aleph2 outpainting target, e.g. <c>16:9</c>.</summary>
    [JsonPropertyName("targetAspectRatio")] public string? TargetAspectRatio { get; init; }
}
