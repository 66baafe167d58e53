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
    public override string Endpoint => RunwayEndpoints.ImageToVideo;

    [JsonPropertyName("promptImage"), JsonConverter(typeof(PromptImageListConverter))]
    public IReadOnlyList<PromptImage> PromptImage { get; init; } = [];
}

/// <summary><c>POST /v1/text_to_video</c>.</summary>
public sealed record TextToVideoRequest : RunwayVideoRequest
{
    public override string Endpoint => RunwayEndpoints.TextToVideo;
}

/// <summary><c>POST /v1/video_to_video</c>: aleph2 and gemini_omni_flash take <c>videoUri</c>, seedance2* <c>promptVideo</c>.</summary>
public sealed record VideoToVideoRequest : RunwayVideoRequest
{
    public override string Endpoint => RunwayEndpoints.VideoToVideo;

    [JsonPropertyName("videoUri"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? VideoUri { get; init; }

    [JsonPropertyName("promptVideo"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PromptVideo { get; init; }
}

/// <summary><c>POST /v1/text_to_image</c>.</summary>
public sealed record TextToImageRequest : RunwayGenerationRequest
{
    public override string Endpoint => RunwayEndpoints.TextToImage;

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
    public override string Endpoint => RunwayEndpoints.VideoUpscale;

    [JsonPropertyName("videoUri")] public string VideoUri { get; init; } = "";
}
