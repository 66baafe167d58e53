namespace RunwayRelay.Runway;

/// <summary>
/// Per-endpoint model tables (snapshot of Runway's API, mid-2026; see docs/runway-client.md). Model names stay open
/// strings: the HTTP API refuses a model missing here unless <c>Runway__AllowUnknownModels</c> is set, which sends it with
/// only the generic checks, so a new Runway model needs no release.
/// </summary>
internal static class RunwayModelCatalog
{
    public static readonly IReadOnlyList<string> R6 = ["1280:720", "720:1280", "1104:832", "832:1104", "960:960", "1584:672"];
    public static readonly IReadOnlyList<string> Landscape = ["1280:720", "720:1280"];
    public static readonly IReadOnlyList<string> Veo = ["1280:720", "720:1280", "1080:1920", "1920:1080"];

    public static readonly IReadOnlyList<string> Sd720 =
        ["992:432", "864:496", "752:560", "640:640", "560:752", "496:864", "1470:630", "1280:720", "1112:834", "960:960", "834:1112", "720:1280"];

    public static readonly IReadOnlyList<string> SdFull =
    [
        .. Sd720, "2206:946", "1920:1080", "1664:1248", "1440:1440", "1248:1664", "1080:1920",
        "3840:1646", "3840:2160", "3840:2880", "3840:3840", "2880:3840", "2160:3840",
    ];

    public static readonly IReadOnlyList<string> Img16 =
    [
        "1024:1024", "1080:1080", "1168:880", "1360:768", "1440:1080", "1080:1440", "1808:768", "1920:1080",
        "1080:1920", "2112:912", "1280:720", "720:1280", "720:720", "960:720", "720:960", "1680:720",
    ];

    public static readonly IReadOnlyList<string> AlephAspectRatios = ["16:9", "4:3", "3:2", "1:1", "2:3", "3:4", "9:16", "21:9"];
    public static readonly IReadOnlyList<string> UpscaleResolutions = ["720p", "1k", "2k", "4k"];
    public static readonly IReadOnlyList<string> PublicFigureThresholds = ["auto", "low"];

    private static readonly PromptImageRule FirstOnly = new(1, AllowLast: false, AllowReferences: false, LastNeedsFirst: true);
    private static readonly PromptImageRule FirstAndLast = new(2, AllowLast: true, AllowReferences: false, LastNeedsFirst: true);
    // Seedance: keyframes (first/last) or up to 9 reference images, not both.
    private static readonly PromptImageRule Seedance = new(9, AllowLast: true, AllowReferences: true, LastNeedsFirst: false);

    private static readonly IReadOnlyList<ModelSpec> Specs = Build();

    private static readonly Dictionary<(string Endpoint, string Model), ModelSpec> ByKey =
        Specs.ToDictionary(s => (s.Endpoint, s.Model));

    public static IReadOnlyList<ModelSpec> All => Specs;

    public static ModelSpec? Find(string endpoint, string model) => ByKey.GetValueOrDefault((endpoint, model));

    public static IReadOnlyList<string> EndpointsOf(string model) =>
        Specs.Where(s => s.Model == model).Select(s => s.Endpoint).ToList();

    public static IReadOnlyList<string> ModelsOf(string endpoint) =>
        Specs.Where(s => s.Endpoint == endpoint).Select(s => s.Model).ToList();

    private static List<ModelSpec> Build()
    {
        const string i2v = RunwayEndpoints.ImageToVideo, t2v = RunwayEndpoints.TextToVideo, v2v = RunwayEndpoints.VideoToVideo;
        var specs = new List<ModelSpec>
        {
            new()
            {
                Endpoint = i2v, Model = "gen4.5", PromptImage = FirstOnly, PromptText = new(1, 1000, true),
                Ratio = new(R6, true), Duration = new(2, 10, true), Seed = true, ContentModeration = true,
            },
            new()
            {
                Endpoint = t2v, Model = "gen4.5", PromptText = new(1, 1000, true),
                Ratio = new(Landscape, true), Duration = new(2, 10, true), Seed = true, ContentModeration = true,
            },
            new()
            {
                Endpoint = i2v, Model = "gen4_turbo", PromptImage = FirstOnly, PromptText = new(1, 1000, false),
                Ratio = new(R6, true), Duration = new(2, 10, false), Seed = true, ContentModeration = true,
            },
            new()
            {
                Endpoint = i2v, Model = "veo3", PromptImage = FirstOnly, PromptText = new(1, 1000, false),
                Ratio = new(Veo, true), Duration = new(8, 8, true, [8]), NegativePrompt = new(1, 1000, false),
            },
            new()
            {
                Endpoint = t2v, Model = "veo3", PromptText = new(1, 1000, true),
                Ratio = new(Veo, true), Duration = new(8, 8, true, [8]), NegativePrompt = new(1, 1000, false),
            },
            new()
            {
                Endpoint = i2v, Model = "gemini_omni_flash", PromptImage = FirstOnly, PromptText = new(1, 4000, false),
                Ratio = new(Landscape, false), Duration = new(3, 10, false),
            },
            new()
            {
                Endpoint = t2v, Model = "gemini_omni_flash", PromptText = new(1, 4000, true),
                Ratio = new(Landscape, false), Duration = new(3, 10, false),
            },
            new()
            {
                Endpoint = v2v, Model = "gemini_omni_flash", VideoField = "videoUri", PromptText = new(1, 4000, true), MaxReferences = 5,
            },
            new()
            {
                Endpoint = v2v, Model = "aleph2", VideoField = "videoUri", PromptText = new(1, 1000, false),
                Ratio = new(null, false), Seed = true, ContentModeration = true, Keyframes = true, TargetAspectRatios = AlephAspectRatios,
            },
            new()
            {
                Endpoint = RunwayEndpoints.TextToImage, Model = "gen4_image", PromptText = new(1, 1000, true),
                Ratio = new(Img16, true), ReferenceImages = (0, 3), Seed = true, ContentModeration = true,
            },
            new()
            {
                Endpoint = RunwayEndpoints.TextToImage, Model = "gen4_image_turbo", PromptText = new(1, 1000, true),
                Ratio = new(Img16, true), ReferenceImages = (1, 3), Seed = true, ContentModeration = true,
            },
            new()
            {
                Endpoint = RunwayEndpoints.VideoUpscale, Model = "magnific_video_upscaler_creative", Resolutions = UpscaleResolutions,
            },
        };

        foreach (var veo in new[] { "veo3.1", "veo3.1_fast" })
        {
            specs.Add(new()
            {
                Endpoint = i2v, Model = veo, PromptImage = FirstAndLast, PromptText = new(1, 1000, false),
                Ratio = new(Veo, true), Duration = new(4, 8, false, [4, 6, 8]), Audio = true, Seed = true,
                NegativePrompt = new(1, 1000, false),
            });
            specs.Add(new()
            {
                Endpoint = t2v, Model = veo, PromptText = new(1, 1000, true),
                Ratio = new(Veo, true), Duration = new(4, 8, false, [4, 6, 8]), Audio = true, Seed = true,
                NegativePrompt = new(1, 1000, false),
            });
        }

        foreach (var (model, ratios) in new[] { ("seedance2", SdFull), ("seedance2_fast", Sd720), ("seedance2_mini", Sd720) })
        {
            specs.Add(new()
            {
                Endpoint = i2v, Model = model, PromptImage = Seedance, PromptText = new(1, 3500, false),
                Ratio = new(ratios, false), Duration = new(4, 15, false), Audio = true, Seed = true,
            });
            specs.Add(new()
            {
                Endpoint = t2v, Model = model, PromptText = new(1, 3500, true), MaxReferences = 9,
                Ratio = new(ratios, false), Duration = new(4, 15, false), Audio = true, Seed = true,
            });
            specs.Add(new()
            {
                Endpoint = v2v, Model = model, VideoField = "promptVideo", PromptText = new(1, 3500, false), MaxReferences = 9,
                Ratio = new(ratios, false), Duration = new(4, 15, false), Audio = true, Seed = true,
            });
        }

        return specs;
    }
}
