using System.Text.Json;
using System.Text.RegularExpressions;
using static RunwayRelay.Emulator.Validation.Checks;

namespace RunwayRelay.Emulator.Validation;

/// <summary>
/// The emulator's own per-model tables, written from shared/runway-api.md §2 and the newest SDK types.
/// Deliberately not shared with RunwayRelay.Core: a double that reuses the client's rules cannot catch their bugs.
/// </summary>
internal static partial class ModelCatalog
{
    public const string ImageToVideo = "image_to_video";
    public const string TextToVideo = "text_to_video";
    public const string VideoToVideo = "video_to_video";
    public const string TextToImage = "text_to_image";
    public const string VideoUpscale = "video_upscale";

    public static readonly string[] Endpoints = [ImageToVideo, TextToVideo, VideoToVideo, TextToImage, VideoUpscale];

    private static readonly string[] R6 = ["1280:720", "720:1280", "1104:832", "832:1104", "960:960", "1584:672"];
    private static readonly string[] Landscape = ["1280:720", "720:1280"];
    private static readonly string[] Veo = ["1280:720", "720:1280", "1080:1920", "1920:1080"];
    private static readonly string[] Sd720 = ["992:432", "864:496", "752:560", "640:640", "560:752", "496:864", "1470:630", "1280:720", "1112:834", "960:960", "834:1112", "720:1280"];
    private static readonly string[] SdFull = [.. Sd720, "2206:946", "1920:1080", "1664:1248", "1440:1440", "1248:1664", "1080:1920", "3840:1646", "3840:2160", "3840:2880", "3840:3840", "2880:3840", "2160:3840"];
    private static readonly string[] HappyHorse = ["1280:720", "720:1280", "960:960", "1108:832", "832:1108", "1920:1080", "1080:1920", "1440:1440", "1662:1248", "1248:1662"];
    private static readonly string[] Img16 = ["1024:1024", "1080:1080", "1168:880", "1360:768", "1440:1080", "1080:1440", "1808:768", "1920:1080", "1080:1920", "2112:912", "1280:720", "720:1280", "720:720", "960:720", "720:960", "1680:720"];
    private static readonly string[] Gemini25 = ["1344:768", "768:1344", "1024:1024", "1184:864", "864:1184", "1536:672", "832:1248", "1248:832", "896:1152", "1152:896"];
    private static readonly string[] OutputFormats = ["mp4", "prores", "png_sequence", "hdr10", "hlg", "sdr_rec709_10bit", "hdr_pq_12bit_master", "hdr_prores", "hdr_png_sequence", "hdr_exr_sequence", "hdr_exr_acescg_sequence_1_3", "hdr_exr_acescg_sequence_2_0"];
    private static readonly string[] ProresProfiles = ["422", "4444", "422 Proxy", "422 LT", "422 HQ", "4444 XQ"];

    private static readonly Dictionary<(string Endpoint, string Model), ModelSpec> Specs = Build().ToDictionary(s => (s.Endpoint, s.Model));

    public static IEnumerable<string> AllModels => Specs.Values.Select(s => s.Model).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    public static IReadOnlyList<string> ModelsOf(string endpoint) =>
        [.. Specs.Values.Where(s => s.Endpoint == endpoint).Select(s => s.Model)];

    public static ModelSpec? Find(string endpoint, string model) => Specs.GetValueOrDefault((endpoint, model));

    private static FieldSpec ContentModeration() =>
        Optional("contentModeration", Object(Optional("publicFigureThreshold", OneOf("auto", "low"))));

    private static FieldSpec SeedField() => Optional("seed", Seed());

    private static FieldSpec ReferenceAudio() =>
        Optional("referenceAudio", ArrayOf(1, 3, Object(Required("type", Literal("audio")), Required("uri", MediaUri(MediaKind.Audio)))));

    private static FieldSpec ReferenceImages(string name, int min, int max, bool required = false)
    {
        var check = ArrayOf(min, max, Object(Required("uri", MediaUri(MediaKind.Image)), Optional("tag", Tag())));
        return required ? Required(name, check) : Optional(name, check);
    }

    private static FieldCheck Tag() => (value, path, issues) =>
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            issues.Add("invalid_type", path, $"Expected string, received {Describe(value)}");
        }
        else if (!TagPattern().IsMatch(value.GetString()!))
        {
            issues.Add("invalid_string", path, "Tags are 3 to 16 characters, start with a letter and contain only letters, digits and '_'");
        }
    };

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{2,15}$")]
    private static partial Regex TagPattern();

    private static IEnumerable<ModelSpec> Build()
    {
        // image_to_video
        yield return Video(ImageToVideo, "gen4.5", PerSecond(12, 5),
            Required("promptImage", PromptImage(["first"], 1)),
            Required("promptText", Text(1, 1000)),
            Required("ratio", OneOf(R6)),
            Required("duration", Integer(2, 10)),
            SeedField(), ContentModeration(),
            Optional("outputFormat", OneOf(OutputFormats)),
            Optional("proresProfile", OneOf(ProresProfiles)));
        yield return Video(ImageToVideo, "gen4_turbo", PerSecond(5, 5),
            Required("promptImage", PromptImage(["first"], 1)),
            Required("ratio", OneOf(R6)),
            Optional("promptText", Text(1, 1000)),
            Optional("duration", Integer(2, 10)),
            SeedField(), ContentModeration());
        foreach (var (model, withAudio, without) in new[] { ("veo3.1", 40, 20), ("veo3.1_fast", 15, 10) })
        {
            yield return Video(ImageToVideo, model, VeoCost(withAudio, without),
                Required("promptImage", PromptImage(["first", "last"], 2)),
                Required("ratio", OneOf(Veo)),
                Optional("promptText", Text(1, 1000)),
                Optional("duration", IntegerIn(4, 6, 8)),
                Optional("audio", Boolean()),
                Optional("negativePrompt", Text(1, 1000)),
                SeedField());
        }
        yield return Video(ImageToVideo, "veo3", PerSecond(40, 8),
            Required("promptImage", PromptImage(["first"], 1)),
            Required("ratio", OneOf(Veo)),
            Required("duration", IntegerIn(8)),
            Optional("promptText", Text(1, 1000)),
            Optional("negativePrompt", Text(1, 1000)),
            SeedField());
        foreach (var (model, ratios, rate) in Seedances())
        {
            yield return VideoWithCheck(ImageToVideo, model, PerSecond(rate, 5, autoDuration: 15),
                RequirePromptForAudio,
                Required("promptImage", PromptImage(["first", "last"], 9, allowUnpositioned: true)),
                Optional("promptText", Text(1, 3500)),
                Optional("duration", IntegerOrAuto(4, 15)),
                Optional("audio", Boolean()),
                Optional("ratio", OneOf(ratios)),
                ReferenceAudio(),
                SeedField());
        }
        yield return Video(ImageToVideo, "gemini_omni_flash", PerSecond(20, 5),
            Required("promptImage", PromptImage(["first"], 1)),
            Optional("promptText", Text(1, 4000)),
            Optional("duration", Integer(3, 10)),
            Optional("ratio", OneOf(Landscape)));
        yield return Video(ImageToVideo, "happyhorse_1_0", PerSecond(10, 5),
            Required("promptImage", PromptImage(["first"], 1)),
            Optional("promptText", Text(2, 2500)),
            Optional("duration", Integer(3, 15)),
            Optional("resolution", OneOf("720p", "1080p", "720P", "1080P")));

        // text_to_video
        yield return Video(TextToVideo, "gen4.5", PerSecond(12, 5),
            Required("promptText", Text(1, 1000)),
            Required("ratio", OneOf(Landscape)),
            Required("duration", Integer(2, 10)),
            SeedField(), ContentModeration(),
            Optional("outputFormat", OneOf(OutputFormats)),
            Optional("proresProfile", OneOf(ProresProfiles)));
        foreach (var (model, withAudio, without) in new[] { ("veo3.1", 40, 20), ("veo3.1_fast", 15, 10) })
        {
            yield return Video(TextToVideo, model, VeoCost(withAudio, without),
                Required("promptText", Text(1, 1000)),
                Required("ratio", OneOf(Veo)),
                Optional("duration", IntegerIn(4, 6, 8)),
                Optional("audio", Boolean()),
                Optional("negativePrompt", Text(1, 1000)),
                SeedField());
        }
        yield return Video(TextToVideo, "veo3", PerSecond(40, 8),
            Required("promptText", Text(1, 1000)),
            Required("ratio", OneOf(Veo)),
            Required("duration", IntegerIn(8)),
            Optional("negativePrompt", Text(1, 1000)),
            SeedField());
        foreach (var (model, ratios, rate) in Seedances())
        {
            yield return Video(TextToVideo, model, PerSecond(rate, 5, autoDuration: 15),
                [Required("promptText", Text(1, 3500)), .. SeedanceWithReferences(ratios)]);
        }
        yield return Video(TextToVideo, "gemini_omni_flash", PerSecond(20, 5),
            Required("promptText", Text(1, 4000)),
            Optional("duration", Integer(3, 10)),
            Optional("ratio", OneOf(Landscape)));
        yield return Video(TextToVideo, "happyhorse_1_0", PerSecond(10, 5),
            Required("promptText", Text(2, 2500)),
            Optional("duration", Integer(3, 15)),
            Optional("ratio", OneOf(HappyHorse)));

        // video_to_video
        yield return Video(VideoToVideo, "aleph2", _ => 15 * 5,
            Required("videoUri", MediaUri(MediaKind.Video)),
            Optional("promptText", Text(1, 1000)),
            Optional("keyframes", Keyframes()),
            Optional("ratio", AnyText()),
            Optional("targetAspectRatio", OneOf("16:9", "4:3", "3:2", "1:1", "2:3", "3:4", "9:16", "21:9")),
            Optional("outputFormat", OneOf("mp4", "prores", "png_sequence", "sdr_rec709_10bit")),
            Optional("proresProfile", OneOf(ProresProfiles)),
            SeedField(), ContentModeration());
        foreach (var (model, ratios, rate) in Seedances())
        {
            yield return VideoWithCheck(VideoToVideo, model, PerSecond(rate, 5, autoDuration: 15),
                RequirePromptForAudio,
                [Required("promptVideo", MediaUri(MediaKind.Video)), Optional("promptText", Text(1, 3500)), .. SeedanceWithReferences(ratios)]);
        }
        yield return Video(VideoToVideo, "gemini_omni_flash", _ => 20 * 5,
            Required("videoUri", MediaUri(MediaKind.Video)),
            Required("promptText", Text(1, 4000)),
            Optional("references", ArrayOf(1, 5, Object(Required("uri", MediaUri(MediaKind.Image))))));

        // text_to_image
        yield return Image("gen4_image_turbo", _ => 2,
            Required("promptText", Text(1, 1000)),
            Required("ratio", OneOf(Img16)),
            ReferenceImages("referenceImages", 1, 3, required: true),
            SeedField(), ContentModeration());
        yield return Image("gen4_image", Gen4ImageCost,
            Required("promptText", Text(1, 1000)),
            Required("ratio", OneOf(Img16)),
            ReferenceImages("referenceImages", 0, 3),
            SeedField(), ContentModeration());
        yield return Image("gemini_2.5_flash", _ => 5,
            Required("promptText", Text(1, 5500)),
            Required("ratio", OneOf(Gemini25)),
            ReferenceImages("referenceImages", 0, 3));

        // video_upscale
        yield return Video(VideoUpscale, "magnific_video_upscaler_creative", _ => 50,
            Required("videoUri", MediaUri(MediaKind.Video)),
            Optional("creativity", Integer(0, 100)),
            Optional("flavor", OneOf("vivid", "natural")),
            Optional("fpsBoost", Boolean()),
            Optional("resolution", OneOf("720p", "1k", "2k", "4k")),
            Optional("sharpen", Integer(0, 100)),
            Optional("smartGrain", Integer(0, 100)));
    }

    private static IEnumerable<(string Model, string[] Ratios, int Rate)> Seedances() =>
        [("seedance2", SdFull, 36), ("seedance2_fast", Sd720, 24), ("seedance2_mini", Sd720, 12)];

    /// <summary>Seedance's text_to_video and video_to_video fields after the prompt: the same on both endpoints.</summary>
    private static FieldSpec[] SeedanceWithReferences(string[] ratios) =>
    [
        Optional("duration", IntegerOrAuto(4, 15)),
        Optional("audio", Boolean()),
        Optional("ratio", OneOf(ratios)),
        Optional("references", ArrayOf(1, 9, Object(Required("uri", MediaUri(MediaKind.Image))))),
        Optional("referenceVideos", ArrayOf(1, 3, Object(Required("type", Literal("video")), Required("uri", MediaUri(MediaKind.Video))))),
        ReferenceAudio(),
        SeedField(),
    ];

    private static ModelSpec Video(string endpoint, string model, Func<JsonElement, long> cost, params FieldSpec[] fields) =>
        new(endpoint, model, fields, OutputKind.Video, cost);

    private static ModelSpec VideoWithCheck(string endpoint, string model, Func<JsonElement, long> cost, Action<JsonElement, IssueList>? cross, params FieldSpec[] fields) =>
        new(endpoint, model, fields, OutputKind.Video, cost, cross);

    private static ModelSpec Image(string model, Func<JsonElement, long> cost, params FieldSpec[] fields) =>
        new(TextToImage, model, fields, OutputKind.Image, cost);

    private static void RequirePromptForAudio(JsonElement body, IssueList issues)
    {
        if (body.TryGetProperty("referenceAudio", out _) && !body.TryGetProperty("promptText", out _))
        {
            issues.Add("custom", FieldPath.Root.Then("promptText"), "promptText is required when referenceAudio is given");
        }
    }

    /// <summary>aleph2 keyframes: {uri, seconds 0..30} or {uri, at 0..1}, each with an optional range; all or none have one.</summary>
    private static FieldCheck Keyframes()
    {
        var range = Object(Required("start_seconds", Integer(0, 30)), Required("end_seconds", Integer(0, 30)));
        var bySeconds = new[] { Required("uri", MediaUri(MediaKind.Image)), Required("seconds", Number(0, 30)), Optional("range", range) };
        var byFraction = new[] { Required("uri", MediaUri(MediaKind.Image)), Required("at", Number(0, 1)), Optional("range", range) };
        return (value, path, issues) =>
        {
            ArrayOf(1, 5, (item, itemPath, itemIssues) =>
            {
                var useFraction = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("at", out _);
                ValidateObject(item, itemPath, useFraction ? byFraction : bySeconds, itemIssues);
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("range", out var r) && r.ValueKind == JsonValueKind.Object
                    && r.TryGetProperty("start_seconds", out var start) && r.TryGetProperty("end_seconds", out var end)
                    && start.ValueKind == JsonValueKind.Number && end.ValueKind == JsonValueKind.Number
                    && start.GetDecimal() >= end.GetDecimal())
                {
                    itemIssues.Add("custom", itemPath.Then("range"), "range.end_seconds must be greater than range.start_seconds");
                }
            })(value, path, issues);
            if (value.ValueKind == JsonValueKind.Array)
            {
                var items = value.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object).ToList();
                var withRange = items.Count(i => i.TryGetProperty("range", out _));
                if (withRange > 0 && withRange < items.Count)
                {
                    issues.Add("custom", path, "Either every keyframe sets a range or none does");
                }
            }
        };
    }

    private static Func<JsonElement, long> PerSecond(int creditsPerSecond, int defaultDuration, int autoDuration = 0) =>
        body => creditsPerSecond * DurationOf(body, defaultDuration, autoDuration);

    private static Func<JsonElement, long> VeoCost(int withAudio, int withoutAudio) => body =>
    {
        var audio = !body.TryGetProperty("audio", out var a) || a.ValueKind != JsonValueKind.False;
        return (audio ? withAudio : withoutAudio) * DurationOf(body, 8, 8);
    };

    /// <summary>gen4_image: 5 credits at 720p (the short side is 720), 8 at 1080p.</summary>
    private static long Gen4ImageCost(JsonElement body) =>
        body.TryGetProperty("ratio", out var r) && r.ValueKind == JsonValueKind.String && r.GetString()!.Split(':').Contains("720") ? 5 : 8;

    private static long DurationOf(JsonElement body, int defaultDuration, int autoDuration)
    {
        if (!body.TryGetProperty("duration", out var duration))
        {
            return defaultDuration;
        }
        return duration.ValueKind == JsonValueKind.Number && duration.TryGetInt64(out var seconds) ? seconds : autoDuration;
    }
}
