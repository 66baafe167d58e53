using System.Diagnostics.CodeAnalysis;

namespace RunwayRelay.Runway;

/// <summary>
/// Checks a request against the per-model tables so that a request Runway would reject is rejected before any call
/// (a rejected request costs nothing; a sent one may). Every problem is reported, each with Runway's field path.
/// Models missing from the tables are refused when unknown models are not allowed; otherwise they only get the checks
/// every model shares, so new Runway models still work.
/// </summary>
public static class RunwayRequestValidator
{
    public const int MinHttpsUriLength = 13;
    public const int MaxHttpsUriLength = 2048;
    public const int MaxRunwayUriLength = 5000;
    public const int MaxImageDataUriLength = 5 * 1024 * 1024;
    public const int MaxVideoDataUriLength = 16 * 1024 * 1024;
    public const long MaxSeed = uint.MaxValue;

    /// <summary>Every problem found (empty when valid). Paths use Runway's field names, e.g. <c>promptImage.0.uri</c>.</summary>
    public static IReadOnlyList<RunwayIssue> Validate(RunwayGenerationRequest request) => Validate(request, allowUnknownModels: true);

    /// <summary>
    /// As <see cref="Validate(RunwayGenerationRequest)"/>; when <paramref name="allowUnknownModels"/> is false, a model the
    /// catalog does not list for the endpoint is itself the problem (<c>Runway__AllowUnknownModels</c>).
    /// </summary>
    public static IReadOnlyList<RunwayIssue> Validate(RunwayGenerationRequest request, bool allowUnknownModels)
    {
        ArgumentNullException.ThrowIfNull(request);
        var issues = new Issues();

        ModelSpec? spec = null;
        if (string.IsNullOrWhiteSpace(request.Model))
        {
            issues.Add("required", "is required", "model");
        }
        else
        {
            spec = RunwayModelCatalog.Find(request.Endpoint, request.Model);
            if (spec is null && RunwayModelCatalog.EndpointsOf(request.Model) is { Count: > 0 } elsewhere)
            {
                issues.Add("invalid_enum_value",
                    $"model '{request.Model}' is not available on {request.Endpoint} (it is on {string.Join(", ", elsewhere)}); " +
                    $"models for {request.Endpoint}: {string.Join(", ", RunwayModelCatalog.ModelsOf(request.Endpoint))}", "model");
                // The rest would be judged against the wrong table; the model is the one thing to fix.
                return issues.List;
            }
            if (spec is null && !allowUnknownModels)
            {
                issues.Add("invalid_enum_value",
                    $"model '{request.Model}' is not a known model of {request.Endpoint}; models for {request.Endpoint}: " +
                    $"{string.Join(", ", RunwayModelCatalog.ModelsOf(request.Endpoint))} (Runway__AllowUnknownModels=true forwards newer models unchecked)",
                    "model");
                return issues.List;
            }
        }

        CheckPromptText(issues, spec, request);
        CheckSeed(issues, spec, request.Seed);

        switch (request)
        {
            case ImageToVideoRequest i2v:
                CheckVideoSettings(issues, spec, i2v);
                CheckPromptImages(issues, spec, i2v.PromptImage);
                break;
            case TextToVideoRequest t2v:
                CheckVideoSettings(issues, spec, t2v);
                CheckReferences(issues, spec, t2v.References);
                break;
            case VideoToVideoRequest v2v:
                CheckVideoSettings(issues, spec, v2v);
                CheckVideoInputs(issues, spec, v2v);
                CheckReferences(issues, spec, v2v.References);
                CheckKeyframes(issues, spec, v2v.Keyframes);
                CheckTargetAspectRatio(issues, spec, v2v.TargetAspectRatio);
                break;
            case TextToImageRequest t2i:
                CheckRatio(issues, spec, t2i.Ratio);
                CheckContentModeration(issues, spec, t2i.ContentModeration);
                CheckReferenceImages(issues, spec, t2i.ReferenceImages);
                break;
            case VideoUpscaleRequest upscale:
                CheckVideoUpscale(issues, spec, upscale);
                break;
        }

        return issues.List;
    }

    /// <summary>Checks one media string (URL, upload URI or data URI) and reports problems under <paramref name="path"/>.</summary>
    internal static IReadOnlyList<RunwayIssue> ValidateMedia(string? value, RunwayMediaKind kind, params string[] path)
    {
        var issues = new Issues();
        CheckMedia(issues, value, kind, path);
        return issues.List;
    }

    private static void CheckPromptText(Issues issues, ModelSpec? spec, RunwayGenerationRequest request)
    {
        var text = request.PromptText;
        if (spec is null)
        {
            bool requiredByEndpoint = request is TextToVideoRequest or TextToImageRequest;
            CheckText(issues, text, new TextRule(1, int.MaxValue, requiredByEndpoint), request.Model, "promptText");
            return;
        }
        if (spec.PromptText is null)
        {
            Unsupported(issues, spec, text is not null, "promptText");
            return;
        }
        CheckText(issues, text, spec.PromptText, spec.Model, "promptText");
    }

    private static void CheckText(Issues issues, string? text, TextRule rule, string model, string field)
    {
        if (text is null)
        {
            if (rule.Required)
            {
                issues.Add("required", $"is required for {model}", field);
            }
            return;
        }
        // Runway counts UTF-16 code units, which is exactly string.Length.
        if (text.Length < rule.Min || string.IsNullOrWhiteSpace(text))
        {
            issues.Add("too_small", "must not be empty", field);
        }
        else if (text.Length > rule.Max)
        {
            issues.Add("too_big", $"is {text.Length} UTF-16 code units long; {model} allows at most {rule.Max}", field);
        }
    }

    private static void CheckSeed(Issues issues, ModelSpec? spec, long? seed)
    {
        if (!GivenAndTaken(issues, spec, seed, s => s.Seed, "seed"))
        {
            return;
        }
        if (seed < 0 || seed > MaxSeed)
        {
            issues.Add(seed < 0 ? "too_small" : "too_big", $"must be an integer from 0 to {MaxSeed} (got {seed})", "seed");
        }
    }

    private static void CheckVideoSettings(Issues issues, ModelSpec? spec, RunwayVideoRequest request)
    {
        CheckRatio(issues, spec, request.Ratio);
        CheckContentModeration(issues, spec, request.ContentModeration);
        if (spec is null)
        {
            if (request.Duration is <= 0)
            {
                issues.Add("too_small", "must be a positive number of seconds", "duration");
            }
            if (request.NegativePrompt is not null)
            {
                CheckText(issues, request.NegativePrompt, new TextRule(1, int.MaxValue, false), request.Model, "negativePrompt");
            }
            return;
        }

        if (spec.Duration is null)
        {
            Unsupported(issues, spec, request.Duration is not null, "duration");
        }
        else if (request.Duration is null)
        {
            if (spec.Duration.Required)
            {
                issues.Add("required", $"is required for {spec.Model}: {spec.Duration.Describe()}", "duration");
            }
        }
        else if (!spec.Duration.Accepts(request.Duration.Value))
        {
            issues.Add("invalid_value", $"must be {spec.Duration.Describe()} for {spec.Model} (got {request.Duration})", "duration");
        }

        if (!spec.Audio)
        {
            Unsupported(issues, spec, request.Audio is not null, "audio");
        }

        if (spec.NegativePrompt is null)
        {
            Unsupported(issues, spec, request.NegativePrompt is not null, "negativePrompt");
        }
        else
        {
            CheckText(issues, request.NegativePrompt, spec.NegativePrompt, spec.Model, "negativePrompt");
        }
    }

    private static void CheckRatio(Issues issues, ModelSpec? spec, string? ratio)
    {
        if (spec is null)
        {
            return;
        }
        if (spec.Ratio is null)
        {
            Unsupported(issues, spec, ratio is not null, "ratio");
            return;
        }
        if (ratio is null)
        {
            if (spec.Ratio.Required)
            {
                issues.Add("required", $"is required for {spec.Model}: one of {Join(spec.Ratio.Allowed)}", "ratio");
            }
            return;
        }
        if (spec.Ratio.Allowed is { } allowed && !allowed.Contains(ratio, StringComparer.Ordinal))
        {
            issues.Add("invalid_enum_value", $"must be one of {Join(allowed)} for {spec.Model} (got '{ratio}')", "ratio");
        }
    }

    private static void CheckContentModeration(Issues issues, ModelSpec? spec, ContentModeration? moderation)
    {
        if (!GivenAndTaken(issues, spec, moderation, s => s.ContentModeration, "contentModeration"))
        {
            return;
        }
        if (!RunwayModelCatalog.PublicFigureThresholds.Contains(moderation.PublicFigureThreshold, StringComparer.Ordinal))
        {
            issues.Add("invalid_enum_value",
                $"must be one of {Join(RunwayModelCatalog.PublicFigureThresholds)} (got '{moderation.PublicFigureThreshold}')",
                "contentModeration", "publicFigureThreshold");
        }
    }

    private static void CheckPromptImages(Issues issues, ModelSpec? spec, IReadOnlyList<PromptImage>? images)
    {
        if (images is null || images.Count == 0)
        {
            issues.Add("required", "is required: an https URL, a runway:// upload URI or a data:image URI", "promptImage");
            return;
        }

        // A single image without position is sent as a bare string, so its path is promptImage itself.
        bool bare = images is [{ Position: null }];
        var rule = spec?.PromptImage;
        string model = spec?.Model ?? "this model";

        if (rule is not null && images.Count > rule.MaxCount)
        {
            issues.Add("too_big", $"has {images.Count} images; {model} takes at most {rule.MaxCount}", "promptImage");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        bool anyPositioned = false, anyReference = false;
        for (int i = 0; i < images.Count; i++)
        {
            var image = images[i];
            string[] uriPath = bare ? ["promptImage"] : ["promptImage", I(i), "uri"];
            CheckMedia(issues, image.Uri, RunwayMediaKind.Image, uriPath);

            if (bare)
            {
                continue;
            }
            string[] positionPath = ["promptImage", I(i), "position"];
            if (image.Position is null)
            {
                anyReference = true;
                if (rule is { AllowReferences: false })
                {
                    issues.Add("required", $"is required for {model} in an array: {(rule.AllowLast ? "'first' or 'last'" : "'first'")}", positionPath);
                }
                continue;
            }

            anyPositioned = true;
            bool known = image.Position is "first" or "last";
            if (!known || (image.Position == "last" && rule is { AllowLast: false }))
            {
                var allowed = rule is { AllowLast: false } ? "'first'" : "'first' or 'last'";
                issues.Add("invalid_enum_value", $"must be {allowed} for {model} (got '{image.Position}')", positionPath);
            }
            else if (!seen.Add(image.Position))
            {
                issues.Add("duplicate_position", $"'{image.Position}' is used by more than one image; each position may appear once", positionPath);
            }
        }

        if (anyPositioned && anyReference && rule is { AllowReferences: true })
        {
            issues.Add("invalid_combination",
                $"mixes keyframes (with position) and reference images (without); {model} takes one mode or the other", "promptImage");
        }
        if (seen.Contains("last") && !seen.Contains("first") && rule is { LastNeedsFirst: true, AllowLast: true })
        {
            issues.Add("invalid_combination", $"has only a 'last' image; {model} needs a 'first' image too", "promptImage");
        }
    }

    private static void CheckReferences(Issues issues, ModelSpec? spec, IReadOnlyList<MediaReference>? references)
    {
        if (!GivenAndTaken(issues, spec, references, s => s.MaxReferences > 0, "references"))
        {
            return;
        }
        if (spec is not null && references.Count > spec.MaxReferences)
        {
            issues.Add("too_big", $"has {references.Count} entries; {spec.Model} takes at most {spec.MaxReferences}", "references");
        }
        for (int i = 0; i < references.Count; i++)
        {
            CheckMedia(issues, references[i].Uri, RunwayMediaKind.Image, "references", I(i), "uri");
        }
    }

    private static void CheckVideoInputs(Issues issues, ModelSpec? spec, VideoToVideoRequest request)
    {
        if (spec is null)
        {
            if (request.VideoUri is null && request.PromptVideo is null)
            {
                issues.Add("required", "videoUri or promptVideo is required", "videoUri");
            }
            CheckMediaIfPresent(issues, request.VideoUri, RunwayMediaKind.Video, "videoUri");
            CheckMediaIfPresent(issues, request.PromptVideo, RunwayMediaKind.Video, "promptVideo");
            return;
        }

        var (used, other) = spec.VideoField == "promptVideo"
            ? (request.PromptVideo, (Name: "videoUri", Value: request.VideoUri))
            : (request.VideoUri, (Name: "promptVideo", Value: request.PromptVideo));
        string field = spec.VideoField ?? "videoUri";
        if (used is null)
        {
            issues.Add("required", $"is required for {spec.Model}: the input video" +
                (other.Value is not null ? $" ({spec.Model} takes {field}, not {other.Name})" : ""), field);
        }
        else
        {
            CheckMedia(issues, used, RunwayMediaKind.Video, field);
        }
        Unsupported(issues, spec, other.Value is not null, other.Name);
    }

    private static void CheckKeyframes(Issues issues, ModelSpec? spec, IReadOnlyList<VideoKeyframe>? keyframes)
    {
        if (!GivenAndTaken(issues, spec, keyframes, s => s.Keyframes, "keyframes"))
        {
            return;
        }
        if (keyframes.Count is < 1 or > 5)
        {
            issues.Add(keyframes.Count < 1 ? "too_small" : "too_big", $"must have 1 to 5 keyframes (got {keyframes.Count})", "keyframes");
        }

        int withRange = keyframes.Count(k => k.Range is not null);
        if (withRange > 0 && withRange < keyframes.Count)
        {
            issues.Add("invalid_combination", "either every keyframe sets a range or none does", "keyframes");
        }

        for (int i = 0; i < keyframes.Count; i++)
        {
            var k = keyframes[i];
            CheckMedia(issues, k.Uri, RunwayMediaKind.Image, "keyframes", I(i), "uri");
            if ((k.Seconds is null) == (k.At is null))
            {
                issues.Add("invalid_combination", "set exactly one of seconds (0 to 30) or at (0 to 1)", "keyframes", I(i));
            }
            if (k.Seconds is { } s && (s < 0 || s > 30))
            {
                issues.Add("invalid_value", $"must be from 0 to 30 (got {s})", "keyframes", I(i), "seconds");
            }
            if (k.At is { } at && (at < 0 || at > 1))
            {
                issues.Add("invalid_value", $"must be from 0 to 1 (got {at})", "keyframes", I(i), "at");
            }
            if (k.Range is { } range)
            {
                if (range.StartSeconds < 0 || range.EndSeconds <= range.StartSeconds)
                {
                    issues.Add("invalid_value",
                        $"must have 0 <= start_seconds < end_seconds (got {range.StartSeconds}..{range.EndSeconds})", "keyframes", I(i), "range");
                }
                else if (k.Seconds is { } t && (t < range.StartSeconds || t >= range.EndSeconds))
                {
                    issues.Add("invalid_value",
                        $"seconds {t} must fall within the range {range.StartSeconds}..{range.EndSeconds} (end exclusive)", "keyframes", I(i), "seconds");
                }
            }
        }
    }

    private static void CheckTargetAspectRatio(Issues issues, ModelSpec? spec, string? target)
    {
        if (target is null || spec is null)
        {
            return;
        }
        if (spec.TargetAspectRatios is null)
        {
            Unsupported(issues, spec, true, "targetAspectRatio");
        }
        else if (!spec.TargetAspectRatios.Contains(target, StringComparer.Ordinal))
        {
            issues.Add("invalid_enum_value", $"must be one of {Join(spec.TargetAspectRatios)} (got '{target}')", "targetAspectRatio");
        }
    }

    private static void CheckReferenceImages(Issues issues, ModelSpec? spec, IReadOnlyList<ReferenceImage>? images)
    {
        int count = images?.Count ?? 0;
        if (spec is not null)
        {
            if (spec.ReferenceImages is not { } range)
            {
                Unsupported(issues, spec, images is not null, "referenceImages");
                return;
            }
            if (count < range.Min)
            {
                issues.Add(images is null ? "required" : "too_small",
                    $"{spec.Model} needs {range.Min} to {range.Max} reference images (got {count})", "referenceImages");
            }
            else if (count > range.Max)
            {
                issues.Add("too_big", $"{spec.Model} takes at most {range.Max} reference images (got {count})", "referenceImages");
            }
        }

        for (int i = 0; i < count; i++)
        {
            var image = images![i];
            CheckMedia(issues, image.Uri, RunwayMediaKind.Image, "referenceImages", I(i), "uri");
            if (image.Tag is { } tag && !IsValidTag(tag))
            {
                issues.Add("invalid_string",
                    "must be 3 to 16 characters, start with a letter and contain only letters, digits and _", "referenceImages", I(i), "tag");
            }
        }
    }

    private static void CheckVideoUpscale(Issues issues, ModelSpec? spec, VideoUpscaleRequest request)
    {
        if (string.IsNullOrEmpty(request.VideoUri))
        {
            issues.Add("required", "is required: the video to upscale", "videoUri");
        }
        else
        {
            CheckMedia(issues, request.VideoUri, RunwayMediaKind.Video, "videoUri");
        }
        if (request.Resolution is not null && spec?.Resolutions is { } resolutions && !resolutions.Contains(request.Resolution, StringComparer.Ordinal))
        {
            issues.Add("invalid_enum_value", $"must be one of {Join(resolutions)} (got '{request.Resolution}')", "resolution");
        }
    }

    private static void CheckMediaIfPresent(Issues issues, string? value, RunwayMediaKind kind, params string[] path)
    {
        if (value is not null)
        {
            CheckMedia(issues, value, kind, path);
        }
    }

    private static void CheckMedia(Issues issues, string? value, RunwayMediaKind kind, params string[] path)
    {
        string expected = kind == RunwayMediaKind.Image ? "data:image" : "data:video";
        if (string.IsNullOrEmpty(value))
        {
            issues.Add("required", $"is required: an https URL, a runway:// upload URI or a {expected} URI", path);
            return;
        }

        if (value.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            if (value.Length < MinHttpsUriLength)
            {
                issues.Add("too_small", $"is too short to be an https URL ({value.Length} characters, at least {MinHttpsUriLength})", path);
            }
            else if (value.Length > MaxHttpsUriLength)
            {
                issues.Add("too_big",
                    $"is an https URL of {value.Length} characters; Runway takes at most {MaxHttpsUriLength} (upload the file and use its runway:// URI instead)", path);
            }
            else if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            {
                issues.Add("invalid_string", "is not a well-formed https URL", path);
            }
            else if (MediaUrlHostRule.Problem(uri) is { } hostProblem)
            {
                issues.Add("invalid_string", hostProblem, path);
            }
            return;
        }

        if (value.StartsWith("runway://", StringComparison.Ordinal))
        {
            if (value.Length > MaxRunwayUriLength)
            {
                issues.Add("too_big", $"is a runway:// URI of {value.Length} characters; at most {MaxRunwayUriLength}", path);
            }
            return;
        }

        if (value.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            int limit = kind == RunwayMediaKind.Image ? MaxImageDataUriLength : MaxVideoDataUriLength;
            if (!value.StartsWith(expected + "/", StringComparison.OrdinalIgnoreCase))
            {
                issues.Add("invalid_string", $"must be a {expected}/... URI here (an {kind.ToString().ToLowerInvariant()} is expected)", path);
            }
            else if (value.IndexOf(";base64,", StringComparison.OrdinalIgnoreCase) < 0)
            {
                issues.Add("invalid_string", "must be a base64 data URI (data:<type>;base64,...)", path);
            }
            if (value.Length > limit)
            {
                issues.Add("too_big",
                    $"is a data URI of {value.Length} characters; Runway takes at most {limit} ({limit / (1024 * 1024)} MiB) for {expected} (upload larger files)", path);
            }
            return;
        }

        if (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            issues.Add("invalid_string", "must use https: Runway rejects plain http:// URLs", path);
            return;
        }

        issues.Add("invalid_string", $"must be an https:// URL, a runway:// upload URI or a {expected} URI", path);
    }

    /// <summary>
    /// True when <paramref name="value"/> is given and the model takes it (or the model is unknown), so the value's own
    /// checks apply; a value the model does not take is reported instead.
    /// </summary>
    private static bool GivenAndTaken(Issues issues, ModelSpec? spec, [NotNullWhen(true)] object? value, Func<ModelSpec, bool> takes, string field)
    {
        if (value is null)
        {
            return false;
        }
        if (spec is not null && !takes(spec))
        {
            Unsupported(issues, spec, true, field);
            return false;
        }
        return true;
    }

    private static void Unsupported(Issues issues, ModelSpec spec, bool present, string field)
    {
        if (present)
        {
            issues.Add("unrecognized_keys", $"is not taken by {spec.Model} on {spec.Endpoint}; remove it", field);
        }
    }

    private static bool IsValidTag(string tag) =>
        tag.Length is >= 3 and <= 16 && char.IsAsciiLetter(tag[0]) && tag.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string Join(IReadOnlyList<string>? values) => values is null ? "any" : string.Join(", ", values);

    private static string I(int index) => index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed class Issues
    {
        public List<RunwayIssue> List { get; } = [];

        public void Add(string code, string message, params string[] path) => List.Add(new RunwayIssue(code, path, message));
    }
}
