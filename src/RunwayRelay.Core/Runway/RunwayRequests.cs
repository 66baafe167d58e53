using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

/// <summary>The Runway create endpoints RunwayRelay drives, as the path segment after <c>/v1/</c>.</summary>
public static class RunwayEndpoints
{
    public const string ImageToVideo = "image_to_video";
    public const string TextToVideo = "text_to_video";
    public const string VideoToVideo = "video_to_video";
    public const string TextToImage = "text_to_image";
    public const string VideoUpscale = "video_upscale";

    public static IReadOnlyList<string> All { get; } = [ImageToVideo, TextToVideo, VideoToVideo, TextToImage, VideoUpscale];
}

/// <summary>
/// A create request. The concrete type picks the endpoint; <see cref="Model"/> is an open string checked against
/// the validation tables. Serialized as the base type (orchestration input) it carries an <c>endpoint</c> discriminator;
/// serialized as its concrete type (the body sent to Runway) it does not.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "endpoint")]
[JsonDerivedType(typeof(ImageToVideoRequest), RunwayEndpoints.ImageToVideo)]
[JsonDerivedType(typeof(TextToVideoRequest), RunwayEndpoints.TextToVideo)]
[JsonDerivedType(typeof(VideoToVideoRequest), RunwayEndpoints.VideoToVideo)]
[JsonDerivedType(typeof(TextToImageRequest), RunwayEndpoints.TextToImage)]
[JsonDerivedType(typeof(VideoUpscaleRequest), RunwayEndpoints.VideoUpscale)]
public abstract record RunwayGenerationRequest
{
    [JsonIgnore] public abstract string Endpoint { get; }

    [JsonPropertyName("model")] public required string Model { get; init; }

    [JsonPropertyName("promptText"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PromptText { get; init; }

    [JsonPropertyName("seed"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Seed { get; init; }
}

/// <summary>One prompt image; <see cref="Position"/> is <c>first</c>, <c>last</c> or null (a bare image or a reference).</summary>
public sealed record PromptImage(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("position"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Position = null);

public sealed record ContentModeration(
    [property: JsonPropertyName("publicFigureThreshold")] string PublicFigureThreshold);

public sealed record ReferenceImage(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("tag"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Tag = null);

/// <summary>A reference input (<c>references</c>): an image by default; <see cref="Type"/> is sent when Runway asks for it.</summary>
public sealed record MediaReference(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("type"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Type = null);

/// <summary>An aleph2 keyframe: an image pinned at <see cref="Seconds"/> into the input video or at a fraction <see cref="At"/> (0..1) of it.</summary>
public sealed record VideoKeyframe
{
    [JsonPropertyName("uri")] public required string Uri { get; init; }

    [JsonPropertyName("seconds"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Seconds { get; init; }

    [JsonPropertyName("at"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? At { get; init; }

    [JsonPropertyName("range"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public KeyframeRange? Range { get; init; }
}

/// <summary>Whole seconds, end exclusive; Runway spells these in snake_case.</summary>
public sealed record KeyframeRange(
    [property: JsonPropertyName("start_seconds")] int StartSeconds,
    [property: JsonPropertyName("end_seconds")] int EndSeconds);

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

/// <summary><c>POST /v1/image_to_video</c>. A single image without position is sent as a bare string.</summary>
public sealed record ImageToVideoRequest : RunwayVideoRequest
{
    [JsonIgnore] public override string Endpoint => RunwayEndpoints.ImageToVideo;

    [JsonPropertyName("promptImage"), JsonConverter(typeof(PromptImageListConverter))]
    public IReadOnlyList<PromptImage> PromptImage { get; init; } = [];
}

/// <summary><c>POST /v1/text_to_video</c>.</summary>
public sealed record TextToVideoRequest : RunwayVideoRequest
{
    [JsonIgnore] public override string Endpoint => RunwayEndpoints.TextToVideo;

    /// <summary>Reference images (seedance2 family).</summary>
    [JsonPropertyName("references"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<MediaReference>? References { get; init; }
}

/// <summary><c>POST /v1/video_to_video</c>: aleph2 and gemini_omni_flash take <c>videoUri</c>, seedance2* <c>promptVideo</c>.</summary>
public sealed record VideoToVideoRequest : RunwayVideoRequest
{
    [JsonIgnore] public override string Endpoint => RunwayEndpoints.VideoToVideo;

    [JsonPropertyName("videoUri"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? VideoUri { get; init; }

    [JsonPropertyName("promptVideo"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PromptVideo { get; init; }

    /// <summary>Reference images (seedance2 family, gemini_omni_flash).</summary>
    [JsonPropertyName("references"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<MediaReference>? References { get; init; }

    /// <summary>aleph2 keyframes (1 to 5).</summary>
    [JsonPropertyName("keyframes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<VideoKeyframe>? Keyframes { get; init; }

    /// <summary>aleph2 outpainting target, e.g. <c>16:9</c>.</summary>
    [JsonPropertyName("targetAspectRatio"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TargetAspectRatio { get; init; }
}

/// <summary><c>POST /v1/text_to_image</c>.</summary>
public sealed record TextToImageRequest : RunwayGenerationRequest
{
    [JsonIgnore] public override string Endpoint => RunwayEndpoints.TextToImage;

    [JsonPropertyName("ratio"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Ratio { get; init; }

    [JsonPropertyName("referenceImages"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ReferenceImage>? ReferenceImages { get; init; }

    [JsonPropertyName("contentModeration"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ContentModeration? ContentModeration { get; init; }
}

/// <summary><c>POST /v1/video_upscale</c>.</summary>
public sealed record VideoUpscaleRequest : RunwayGenerationRequest
{
    [JsonIgnore] public override string Endpoint => RunwayEndpoints.VideoUpscale;

    [JsonPropertyName("videoUri")] public string VideoUri { get; init; } = "";

    /// <summary><c>720p</c>, <c>1k</c>, <c>2k</c> (Runway's default) or <c>4k</c>.</summary>
    [JsonPropertyName("resolution"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Resolution { get; init; }
}
