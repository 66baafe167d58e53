using Microsoft.OpenApi;
using RunwayRelay.Callbacks;
using RunwayRelay.Runway;
using static RunwayRelay.Http.OpenApi.OpenApiSchemas;

namespace RunwayRelay.Http.OpenApi;

/// <summary>
/// The <c>POST /api/generations</c> body, one schema per endpoint family, built from the same tables the request is
/// judged by: which fields each endpoint takes (<see cref="GenerationRequestMapper.EndpointsOf"/>) and the models with
/// their limits (<see cref="RunwayModelCatalog"/>). Per-model rules (which model takes which field) stay in the
/// descriptions: a schema per model would multiply the document for little gain.
/// </summary>
internal static class GenerationRequestSchemas
{
    public const string RequestName = "GenerationRequest";
    public const string MediaName = "MediaString";

    /// <summary>Schema name of each endpoint family's body.</summary>
    public static IReadOnlyDictionary<string, string> FamilyNames { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [RunwayEndpoints.ImageToVideo] = "ImageToVideoRequest",
        [RunwayEndpoints.TextToVideo] = "TextToVideoRequest",
        [RunwayEndpoints.VideoToVideo] = "VideoToVideoRequest",
        [RunwayEndpoints.TextToImage] = "TextToImageRequest",
        [RunwayEndpoints.VideoUpscale] = "VideoUpscaleRequest",
    };

    public static IEnumerable<(string Name, IOpenApiSchema Schema)> Build()
    {
        yield return (MediaName, Text(
            "An `https://` URL on a public domain name (13 to 2048 characters; no IP literals or local names), a `runway://` upload " +
            "URI (at most 5000 characters), or a base64 data URI (`data:image/...;base64,...` up to 5 MiB of characters, " +
            "`data:video/...;base64,...` up to 16 MiB)."));
        yield return (RequestName, new OpenApiSchema
        {
            Description = "One of the endpoint families, picked by `endpoint`. Unknown fields, and fields the chosen endpoint or model " +
                "does not take, are refused (400).",
            OneOf = [.. RunwayEndpoints.All.Select(e => (IOpenApiSchema)new OpenApiSchemaReference(FamilyNames[e]))],
            Discriminator = new OpenApiDiscriminator
            {
                PropertyName = GenerationFields.Endpoint,
                Mapping = RunwayEndpoints.All.ToDictionary(e => e, e => new OpenApiSchemaReference(FamilyNames[e]), StringComparer.Ordinal),
            },
        });
        foreach (string endpoint in RunwayEndpoints.All)
        {
            yield return (FamilyNames[endpoint], Family(endpoint));
        }
    }

    private static OpenApiSchema Family(string endpoint)
    {
        var specs = RunwayModelCatalog.All.Where(s => s.Endpoint == endpoint).ToList();
        var properties = new List<(string, IOpenApiSchema)>();
        foreach (string field in GenerationFields.All.Where(f => GenerationRequestMapper.EndpointsOf[f].Contains(endpoint, StringComparer.Ordinal)))
        {
            properties.Add((field, Field(field, endpoint, specs)));
        }
        string[] required = endpoint == RunwayEndpoints.VideoUpscale
            ? [GenerationFields.Endpoint, GenerationFields.Model, GenerationFields.VideoUri]
            : [GenerationFields.Endpoint, GenerationFields.Model];
        return Object($"`POST /api/generations` for Runway's `{endpoint}`.", properties, required);
    }

    private static IOpenApiSchema Field(string field, string endpoint, IReadOnlyList<ModelSpec> specs)
    {
        var media = new OpenApiSchemaReference(MediaName);
        return field switch
        {
            GenerationFields.Endpoint => OneOf([endpoint]),
            GenerationFields.Model => OneOf(specs.Select(s => s.Model),
                "Models of this endpoint; another name is refused unless the server sets `Runway__AllowUnknownModels=true`."),
            GenerationFields.PromptText => Text(
                Requirement(specs, s => s.PromptText is { Required: true }, s => s.PromptText is not null) +
                " Length in UTF-16 code units, per model: " + string.Join(", ", specs.Where(s => s.PromptText is not null).Select(s => $"{s.Model} ≤ {s.PromptText!.Max}")) + ".",
                1, specs.Select(s => s.PromptText?.Max ?? 0).DefaultIfEmpty(0).Max() is > 0 and var max ? max : null),
            GenerationFields.Seed => Integer("int64", 0, uint.MaxValue, TakenBy(specs, s => s.Seed)),
            GenerationFields.OutputBlobName => Text(
                "Blob name of the result in `Output__Container`; default `<id>.mp4` (`<id>.png` for text_to_image). Reserved when the " +
                "generation is accepted: a taken name answers 409.", 1, GenerationRequestMapper.MaxBlobNameLength),
            GenerationFields.CallbackUrl => new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Format = "uri",
                MaxLength = GenerationRequestMapper.MaxCallbackUrlLength,
                Description = "An absolute https URL on a public host that gets the `generation.completed` event, signed per Standard Webhooks " +
                    "(`webhook-id`, `webhook-timestamp`, `webhook-signature`) and retried for up to `Callbacks__RetryWindow`.",
            },
            GenerationFields.CallbackEvents => ArrayOf(OneOf(CallbackEventTypes.Optional), 0, CallbackEventTypes.Optional.Count,
                "More callback events, best effort: `generation.running` once, `generation.progress` at most every `Callbacks__ProgressInterval`. " +
                "Needs `callbackUrl`; not taken by subscribe."),
            GenerationFields.Ratio => Ratio(specs),
            GenerationFields.ContentModeration => Object(TakenBy(specs, s => s.ContentModeration),
                [("publicFigureThreshold", OneOf(RunwayModelCatalog.PublicFigureThresholds))], "publicFigureThreshold"),
            GenerationFields.Duration => Duration(specs),
            GenerationFields.Audio => new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = TakenBy(specs, s => s.Audio) },
            GenerationFields.NegativePrompt => Text(TakenBy(specs, s => s.NegativePrompt is not null), 1,
                specs.Select(s => s.NegativePrompt?.Max ?? 0).DefaultIfEmpty(0).Max() is > 0 and var max ? max : null),
            GenerationFields.PromptImage => PromptImages(specs, media),
            GenerationFields.References => ArrayOf(
                Object(null, [("uri", media), ("type", Text("Sent to Runway when it asks for it (an image by default)."))], "uri"),
                1, specs.Select(s => s.MaxReferences).DefaultIfEmpty(0).Max() is > 0 and var most ? most : null,
                TakenBy(specs, s => s.MaxReferences > 0)),
            GenerationFields.ReferenceImages => ArrayOf(
                Object(null, [("uri", media), ("tag", new OpenApiSchema
                {
                    Type = JsonSchemaType.String, Pattern = "^[A-Za-z][A-Za-z0-9_]{2,15}$", Description = "3-16 letters, digits or `_`, starting with a letter.",
                })], "uri"),
                null, specs.Select(s => s.ReferenceImages?.Max ?? 0).DefaultIfEmpty(0).Max() is > 0 and var most ? most : null,
                "Per model: " + string.Join(", ", specs.Where(s => s.ReferenceImages is not null).Select(s => $"{s.Model} {s.ReferenceImages!.Value.Min}-{s.ReferenceImages.Value.Max}")) + "."),
            GenerationFields.Keyframes => ArrayOf(Keyframe(media), 1, null, TakenBy(specs, s => s.Keyframes) +
                " Each sets exactly one of `seconds` or `at`; either every keyframe has a `range` or none does."),
            GenerationFields.TargetAspectRatio => OneOf(specs.SelectMany(s => s.TargetAspectRatios ?? []), TakenBy(specs, s => s.TargetAspectRatios is not null)),
            GenerationFields.PromptVideo => Described(media, TakenBy(specs, s => s.VideoField == GenerationFields.PromptVideo) + " Required by those models."),
            GenerationFields.VideoUri => Described(media, TakenBy(specs, s => s.VideoField == GenerationFields.VideoUri) + " Required by those models."),
            GenerationFields.Resolution => OneOf(specs.SelectMany(s => s.Resolutions ?? [])),
            _ => throw new InvalidOperationException($"No schema for request field '{field}'."),
        };
    }

    private static OpenApiSchema Ratio(IReadOnlyList<ModelSpec> specs)
    {
        string description = Requirement(specs, s => s.Ratio is { Required: true }, s => s.Ratio is not null) +
            " Per model: " + string.Join("; ", specs.Where(s => s.Ratio is not null)
                .Select(s => $"{s.Model}: {(s.Ratio!.Allowed is { } set ? string.Join(" ", set) : "any")}")) + ".";
        // A model that takes any ratio (aleph2) leaves the set open.
        return specs.Any(s => s.Ratio is { Allowed: null })
            ? Text(description)
            : OneOf(specs.SelectMany(s => s.Ratio?.Allowed ?? []), description);
    }

    private static OpenApiSchema Duration(IReadOnlyList<ModelSpec> specs)
    {
        var rules = specs.Where(s => s.Duration is not null).ToList();
        string description = Requirement(specs, s => s.Duration is { Required: true }, s => s.Duration is not null) +
            " Whole seconds, per model: " + string.Join("; ", rules.Select(s => $"{s.Model}: {s.Duration!.Describe()}")) + ".";
        return rules.Count == 0
            ? Integer("int32", 1, null, description)
            : Integer("int32", rules.Min(s => s.Duration!.Min), rules.Max(s => s.Duration!.Max), description);
    }

    private static OpenApiSchema PromptImages(IReadOnlyList<ModelSpec> specs, IOpenApiSchema media)
    {
        int most = specs.Select(s => s.PromptImage?.MaxCount ?? 0).DefaultIfEmpty(0).Max();
        var positioned = Object(null, [("uri", media), ("position", OneOf(["first", "last"],
            "Keyframe position; leave it out for a reference image (seedance2 family)."))], "uri");
        return new OpenApiSchema
        {
            Description = "One media string, or a list of media strings or `{uri, position}` objects. Per model: " +
                string.Join("; ", specs.Where(s => s.PromptImage is not null).Select(s => $"{s.Model} up to {s.PromptImage!.MaxCount}" +
                    (s.PromptImage.AllowLast ? ", first/last" : ", first only") + (s.PromptImage.AllowReferences ? " or references" : ""))) + ".",
            OneOf =
            [
                media,
                ArrayOf(new OpenApiSchema { OneOf = [media, positioned] }, 1, most > 0 ? most : null),
            ],
        };
    }

    private static OpenApiSchema Keyframe(IOpenApiSchema media) => Object(null,
    [
        ("uri", media),
        ("seconds", Number(0, 30, "Seconds into the input video.")),
        ("at", Number(0, 1, "Fraction of the input video.")),
        ("range", Object("Whole seconds, end exclusive; `seconds` must fall inside it.",
            [("start_seconds", Integer("int32", 0)), ("end_seconds", Integer("int32", 1))], "start_seconds", "end_seconds")),
    ], "uri");

    private static OpenApiSchema Described(IOpenApiSchema media, string description) => new()
    {
        Description = description,
        AllOf = [media],
    };

    private static string TakenBy(IReadOnlyList<ModelSpec> specs, Func<ModelSpec, bool> takes)
    {
        var models = specs.Where(takes).Select(s => s.Model).ToList();
        return models.Count == 0
            ? "No model of this endpoint in the table takes it (only unknown models with `Runway__AllowUnknownModels`)."
            : "Taken by " + string.Join(", ", models) + ".";
    }

    private static string Requirement(IReadOnlyList<ModelSpec> specs, Func<ModelSpec, bool> required, Func<ModelSpec, bool> takes)
    {
        var must = specs.Where(required).Select(s => s.Model).ToList();
        var may = specs.Where(s => takes(s) && !required(s)).Select(s => s.Model).ToList();
        var parts = new List<string>();
        if (must.Count > 0)
        {
            parts.Add("Required by " + string.Join(", ", must) + ".");
        }
        if (may.Count > 0)
        {
            parts.Add("Optional for " + string.Join(", ", may) + ".");
        }
        return parts.Count == 0 ? TakenBy(specs, takes) : string.Join(" ", parts);
    }
}
