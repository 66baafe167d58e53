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
