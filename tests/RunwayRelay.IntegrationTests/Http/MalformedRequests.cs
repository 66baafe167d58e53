using Microsoft.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace RunwayRelay.IntegrationTests.Http;

/// <summary>
/// Bad requests derived from <see cref="RunwayModelCatalog"/>: each starts from a body that is valid for one catalog
/// model (checked by <see cref="ValidBases"/>) and breaks exactly one thing, so each must be refused and each knows
/// which field the answer has to name. <see cref="Table"/> is the fixed list; <see cref="Random"/> draws from the same
/// families with random parameters.
/// </summary>
internal static class MalformedRequests
{
    public const string ImageUrl = "https://media.example.com/cat.png";
    public const string VideoUrl = "https://media.example.com/clip.mp4";
    private const string Placeholder = "@@PLACEHOLDER@@";

    /// <summary>Limit the fuzz host runs with: an oversized image data URI still fits, a huge body does not.</summary>
    public const int BodyLimit = 6 * 1024 * 1024;

    private static readonly string[] BadHosts =
    [
        "10.0.0.1", "169.254.169.254", "127.0.0.1", "[::1]", "[fd00::1]", "[::ffff:127.0.0.1]", "0x7f000001", "2130706433",
        "localhost", "localhost.", "media.localhost", "printer.local", "db.internal", "nas.home.arpa", "intranet", "intranet.",
    ];

    private static readonly string[] BadMediaValues =
    [
        "http://media.example.com/cat.png", "ftp://media.example.com/cat.png", "not a url", "https://", "https://a.b",
        "//media.example.com/cat.png", "file:///etc/passwd", "data:text/plain;base64,QUJD", "data:image/png,notbase64",
        "https://media.example.com/" + new string('a', 2100), "https://exa mple.com/cat.png", "runway://" + new string('u', 5001),
    ];

    private static readonly string[] BadBlobNames =
    [
        "a/./b.mp4", "./b.mp4", "../escape.mp4", "a/../b.mp4", "a./b.mp4", "clip.mp4.", "/abs.mp4", "dir/", "a//b.mp4",
        "dir\\b.mp4", "tab\there.mp4", "", "   ", new string('a', 1025), string.Join('/', Enumerable.Repeat("s", 255)),
    ];

    private static readonly string[] BadContentTypes =
    [
        "text/plain", "application/xml", "application/json; charset=utf-16", "application/json; charset=latin1",
        "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "json", "application/", "*/*",
    ];

    private static readonly string[] BadIdempotencyKeys = ["", "   ", new string('k', 256), "a\tb", "tab\tkey\t"];

    /// <summary>Escapes that are no Unicode text: lone high or low surrogates, or a pair in the wrong order.</summary>
    private static readonly string[] LoneSurrogates = ["\\ud800", "\\udfff", "a\\udc00b", "\\ud83d", "\\ude00\\ud83d", "\\uD800\\u0041"];

    /// <summary>Byte sequences that are not UTF-8: overlong forms, encoded surrogates, stray continuation bytes, cut sequences.</summary>
    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xFE], [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xF0, 0x80, 0x80, 0xAF], [0xED, 0xA0, 0x80],
        [0xED, 0xBF, 0xBF], [0x80], [0xBF, 0x41], [0xE2, 0x82], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80],
    ];

    private static readonly string[] StringFields =
    [
        GenerationFields.Endpoint, GenerationFields.Model, GenerationFields.PromptText, GenerationFields.VideoUri, GenerationFields.PromptVideo,
        GenerationFields.Ratio, GenerationFields.NegativePrompt, GenerationFields.TargetAspectRatio, GenerationFields.Resolution,
        GenerationFields.OutputBlobName, GenerationFields.CallbackUrl,
    ];

    public static IReadOnlyList<ModelSpec> Specs => RunwayModelCatalog.All;

    /// <summary>A body every rule accepts for <paramref name="spec"/>: the starting point every case breaks once.</summary>
    public static JsonObject Base(ModelSpec spec)
    {
        var body = new JsonObject { ["endpoint"] = spec.Endpoint, ["model"] = spec.Model };
        if (spec.PromptText is not null) body["promptText"] = "a lighthouse at dusk";
        if (spec.Ratio is { Allowed: { } ratios }) body["ratio"] = ratios[0];
        if (spec.Duration is { } duration) body["duration"] = duration.Allowed?[0] ?? duration.Min;
        if (spec.PromptImage is not null) body["promptImage"] = ImageUrl;
        if (spec.VideoField is { } videoField) body[videoField] = VideoUrl;
        if (spec.Endpoint == RunwayEndpoints.VideoUpscale) body["videoUri"] = VideoUrl;
        if (spec.ReferenceImages is { Min: > 0 }) body["referenceImages"] = new JsonArray(new JsonObject { ["uri"] = ImageUrl });
        return body;
    }

    /// <summary>Every spec's base body with the problems the door finds in it (all must be empty).</summary>
    public static IEnumerable<(ModelSpec Spec, IReadOnlyDictionary<string, string[]> Errors)> ValidBases()
    {
        foreach (var spec in Specs)
        {
            var errors = new ValidationErrors();
            using var document = JsonDocument.Parse(Base(spec).ToJsonString());
            var read = GenerationRequestReader.Read(document.RootElement, errors);
            GenerationRequestMapper.Map(read, new GenerationRequestPolicy(false, false), errors);
            yield return (spec, errors.ToDictionary());
        }
    }

    /// <summary>The fixed suite: every family, and every invalid ratio/duration/seed/model combination of the catalog.</summary>
    public static IEnumerable<MalformedRequest> Table()
    {
        var first = Specs[0];
        string valid = Base(first).ToJsonString();

        // The body as a whole.
        yield return MalformedRequest.Text("empty body", "", "$");
        yield return MalformedRequest.Text("whitespace body", "  \r\n\t ", "$");
        foreach (string root in new[] { "[]", "42", "\"text\"", "null", "true", "[{\"model\":\"gen4.5\"}]" })
            yield return MalformedRequest.Text("non-object root " + root, root, "$");
        yield return MalformedRequest.Text("truncated", valid[..(valid.Length / 2)], "$");
        yield return MalformedRequest.Text("trailing comma", valid[..^1] + ",}", "$");
        yield return MalformedRequest.Text("single quotes", valid.Replace('"', '\''), "$");
        yield return MalformedRequest.Text("comment", "/* hi */" + valid, "$");
        yield return MalformedRequest.Text("two objects", valid + valid, "$");
        yield return MalformedRequest.Text("NaN", valid[..^1] + ",\"seed\":NaN}", "$");
        yield return MalformedRequest.Text("deep arrays", "{\"promptText\":" + new string('[', 40) + new string(']', 40) + "}", "$");
        yield return MalformedRequest.Text("deep objects", string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 40), "$");
        yield return MalformedRequest.Text("huge body", valid[..^1] + ",\"promptText\":\"" + new string('a', BodyLimit) + "\"}", "$", status: 413);
        yield return MalformedRequest.Bytes("BOM", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(valid)], "$");
        yield return MalformedRequest.Bytes("UTF-16 body", Encoding.Unicode.GetBytes(valid), "$");
        yield return MalformedRequest.Bytes("UTF-16 body with BOM", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(valid)], "$");

        // Unicode: lone surrogates in a value and in a name; invalid UTF-8 in a value.
        foreach (string lone in LoneSurrogates)
        {
            yield return LoneSurrogateValue(first, GenerationFields.Model, lone);
            yield return LoneSurrogateName(first, lone);
        }
        foreach (var bytes in InvalidUtf8)
            yield return InvalidUtf8Value(first, GenerationFields.Model, bytes);
        yield return InvalidUtf8Value(Spec(RunwayEndpoints.ImageToVideo, "gen4_turbo"), GenerationFields.PromptImage, [0xC0, 0xAF]);

        // Headers.
        foreach (string type in BadContentTypes)
            yield return new MalformedRequest("Content-Type " + type, Encoding.UTF8.GetBytes(valid), 415, [HeaderNames.ContentType]) { ContentType = type };
        yield return new MalformedRequest("no Content-Type", Encoding.UTF8.GetBytes(valid), 415, [HeaderNames.ContentType]) { ContentType = null };
        foreach (string key in BadIdempotencyKeys)
            yield return new MalformedRequest($"Idempotency-Key of {key.Length}", Encoding.UTF8.GetBytes(valid), 400, [GenerationIds.IdempotencyKeyHeader]) { IdempotencyKey = key };

        // Per catalog model: ratio, duration, seed, model, missing required fields, media URLs.
        foreach (var spec in Specs)
        {
            foreach (var ratio in InvalidRatios(spec)) yield return With(spec, $"ratio {ratio}", "ratio", ratio);
            foreach (var duration in InvalidDurations(spec)) yield return With(spec, $"duration {duration}", "duration", duration);
            foreach (var seed in InvalidSeeds(spec)) yield return With(spec, $"seed {seed}", "seed", seed);
            foreach (var other in OtherEndpointModels(spec)) yield return With(spec, $"model {other} of another endpoint", "model", other);
            yield return With(spec, "unknown model", "model", "gen9_ultra");
            yield return With(spec, "empty model", "model", "");
            foreach (var field in RequiredFields(spec)) yield return Without(spec, field);
            foreach (var (path, broken) in MediaCases(spec, BadHosts.Select(h => $"https://{h}/m.png").Concat(BadMediaValues)))
                yield return broken with { Name = $"{spec.Endpoint}/{spec.Model} media {path}: {broken.Name}" };
        }

        foreach (string name in BadBlobNames) yield return With(first, $"outputBlobName '{name}'", "outputBlobName", name);
        yield return With(first, "callbackUrl while callbacks are off", "callbackUrl", "https://hooks.example.com/done");
        yield return With(first, "callbackUrl ftp", "callbackUrl", "ftp://hooks.example.com/done");
        yield return With(first, "unknown field", "promptTxt", "a lighthouse");
        yield return With(first, "field case", "PromptText", "a lighthouse");
        yield return With(first, "endpoint unknown", "endpoint", "image_to_image");
        yield return Duplicate(first, "model");
        foreach (var field in StringFields) yield return With(first, $"{field} as number", field, 42);
        yield return With(first, "duration as string", "duration", "5");
        yield return With(first, "duration fractional", "duration", 5.5);
        yield return With(first, "seed as bool", "seed", true);
        yield return With(first, "audio as string", "audio", "yes");
        yield return With(first, "contentModeration as string", "contentModeration", "auto");
        yield return With(first, "contentModeration unknown key", "contentModeration.foo", new JsonObject { ["foo"] = 1, ["publicFigureThreshold"] = "auto" }, field: "contentModeration");
        yield return With(first, "contentModeration threshold", "contentModeration.publicFigureThreshold", new JsonObject { ["publicFigureThreshold"] = "high" }, field: "contentModeration");
        yield return With(Spec(RunwayEndpoints.ImageToVideo, "gen4_turbo"), "promptImage as number", "promptImage", 1);
        yield return With(Spec(RunwayEndpoints.ImageToVideo, "veo3.1"), "promptImage position", "promptImage.0.position",
            new JsonArray(new JsonObject { ["uri"] = ImageUrl, ["position"] = "middle" }), field: "promptImage");
        yield return With(Spec(RunwayEndpoints.VideoToVideo, "aleph2"), "targetAspectRatio", "targetAspectRatio", "5:4");
        yield return With(Spec(RunwayEndpoints.VideoUpscale, "magnific_video_upscaler_creative"), "resolution", "resolution", "8k");
        yield return With(first, "keyframes on image_to_video", "keyframes", new JsonArray(new JsonObject { ["uri"] = ImageUrl, ["seconds"] = 1 }));
        var image = Spec(RunwayEndpoints.ImageToVideo, "gen4_turbo");
        yield return With(image, "data URI over 5 MiB", "promptImage", "data:image/png;base64," + new string('A', RunwayRequestValidator.MaxImageDataUriLength));
        yield return With(image, "video data URI for an image", "promptImage", "data:video/mp4;base64,AAAA");
    }

    /// <summary>One random bad request: a random catalog model and a random family with random parameters.</summary>
    public static MalformedRequest Random(Random random)
    {
        var spec = Specs[random.Next(Specs.Count)];
        var body = Base(spec);
        string valid = body.ToJsonString();
        switch (random.Next(17))
        {
            case 0:
                return InvalidRatios(spec).ToList() is { Count: > 0 } ratios
                    ? With(spec, "ratio", "ratio", Pick(random, ratios))
                    : With(spec, "ratio as a number", "ratio", random.Next());   // a free-string ratio (aleph2) takes any text
            case 1:
                return With(spec, "duration", "duration", Pick(random, InvalidDurations(spec).Append(random.Next(1000, 100000)).Append(-random.Next(1, 1000)).ToList()));
            case 2:
                return With(spec, "seed", "seed", Pick(random, InvalidSeeds(spec).Append(-(long)random.Next(1, int.MaxValue)).Append((long)uint.MaxValue + random.Next(1, int.MaxValue)).ToList()));
            case 3:
                var others = OtherEndpointModels(spec).ToList();
                return random.Next(2) == 0 && others.Count > 0
                    ? With(spec, "model of another endpoint", "model", Pick(random, others))
                    : With(spec, "unknown model", "model", "zz_" + RandomWord(random, 1, 12));
            case 4:
                string field = Pick(random, StringFields.Concat([GenerationFields.Duration, GenerationFields.Seed, GenerationFields.Audio,
                    GenerationFields.PromptImage, GenerationFields.ContentModeration, GenerationFields.References, GenerationFields.Keyframes]).ToList());
                return With(spec, $"{field} of the wrong type", field, WrongType(random, field));
            case 5:
                string name = random.Next(3) == 0 ? Pick(random, GenerationFields.All.ToList()).ToUpperInvariant() : RandomWord(random, 1, 20) + "_x";
                return With(spec, "unknown field", name, random.Next(100));
            case 6:
                int cut = random.Next(1, valid.Length);
                string broken = random.Next(4) switch
                {
                    0 => valid[..cut],
                    1 => valid[..cut] + "}",
                    2 => valid.Insert(cut, Pick(random, new[] { ",", "'", "]", "{", "\\", "\u0001", "//", "NaN" })),
                    _ => valid.Replace(':', '='),
                };
                // An insertion inside a string value can leave valid JSON with an odd value: only count certain breaks.
                return IsJson(broken)
                    ? MalformedRequest.Text("broken JSON (fallback)", valid[..cut], "$")
                    : MalformedRequest.Text("broken JSON", broken, "$");
            case 7:
                int depth = random.Next(33, 300);
                return random.Next(2) == 0
                    ? MalformedRequest.Text($"deep {depth}", valid[..^1] + ",\"references\":" + new string('[', depth) + new string(']', depth) + "}", "$")
                    : MalformedRequest.Text($"deep {depth}", string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "0" + new string('}', depth), "$");
            case 8:
                if (random.Next(50) == 0)
                    return MalformedRequest.Text("huge body", valid[..^1] + ",\"negativePrompt\":\"" + new string('n', BodyLimit + random.Next(1, 1000)) + "\"}", "$", status: 413);
                return spec.PromptText is { Max: < 100_000 } rule
                    ? With(spec, "promptText too long", "promptText", new string('p', rule.Max + 1 + random.Next(100)))
                    : With(spec, "promptText blank", "promptText", new string(' ', random.Next(1, 10)));
            case 9:
                var media = MediaCases(spec, [RandomBadMedia(random)]).ToList();
                return media.Count > 0 ? Pick(random, media).Request : With(spec, "videoUri on private host", "videoUri", RandomBadMedia(random));
            case 10:
                return new MalformedRequest("Idempotency-Key", Encoding.UTF8.GetBytes(valid), 400, [GenerationIds.IdempotencyKeyHeader])
                {
                    IdempotencyKey = random.Next(2) == 0 ? Pick(random, BadIdempotencyKeys) : new string('k', random.Next(256, 2000)),
                };
            case 11:
                return random.Next(3) switch
                {
                    0 => LoneSurrogateValue(spec, GenerationFields.Model, Pick(random, LoneSurrogates)),
                    1 => LoneSurrogateName(spec, Pick(random, LoneSurrogates)),
                    _ => InvalidUtf8Value(spec, GenerationFields.Model, Pick(random, InvalidUtf8)),
                };
            case 12:
                return random.Next(2) == 0
                    ? MalformedRequest.Bytes("BOM", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(valid)], "$")
                    : MalformedRequest.Bytes("UTF-16", Encoding.Unicode.GetBytes(valid), "$");
            case 13:
                return new MalformedRequest("Content-Type", Encoding.UTF8.GetBytes(valid), 415, [HeaderNames.ContentType])
                {
                    ContentType = random.Next(4) == 0 ? null : Pick(random, BadContentTypes),
                };
            case 14:
                return With(spec, "outputBlobName", "outputBlobName", Pick(random, BadBlobNames));
            case 15:
                var required = RequiredFields(spec).ToList();
                return required.Count > 0 ? Without(spec, Pick(random, required)) : Without(spec, "model");
            default:
                var foreign = GenerationRequestMapper.EndpointsOf.Where(e => !e.Value.Contains(spec.Endpoint)).Select(e => e.Key).ToList();
                string taken = Pick(random, foreign);
                return With(spec, $"{taken} not on {spec.Endpoint}", taken, ValueFor(taken));
        }
    }

    private static ModelSpec Spec(string endpoint, string model) => RunwayModelCatalog.Find(endpoint, model)!;

    private static MalformedRequest With(ModelSpec spec, string name, string expectedKey, JsonNode? value, string? field = null)
    {
        var body = Base(spec);
        body[field ?? expectedKey] = value;
        return MalformedRequest.Text($"{spec.Endpoint}/{spec.Model}: {name}", body.ToJsonString(), expectedKey);
    }

    private static MalformedRequest Without(ModelSpec spec, string field)
    {
        var body = Base(spec);
        body.Remove(field);
        return MalformedRequest.Text($"{spec.Endpoint}/{spec.Model}: no {field}", body.ToJsonString(), field);
    }

    private static MalformedRequest Duplicate(ModelSpec spec, string field)
    {
        string json = Base(spec).ToJsonString();
        return MalformedRequest.Text($"{spec.Model}: {field} twice", "{\"" + field + "\":\"gen4.5\"," + json[1..], field);
    }

    private static MalformedRequest LoneSurrogateValue(ModelSpec spec, string field, string escape)
    {
        var body = Base(spec);
        body[field] = Placeholder;
        string json = body.ToJsonString().Replace(Placeholder, escape, StringComparison.Ordinal);
        return MalformedRequest.Text($"{spec.Model}: lone surrogate {escape} in {field}", json, field);
    }

    private static MalformedRequest LoneSurrogateName(ModelSpec spec, string escape)
    {
        string json = Base(spec).ToJsonString();
        return MalformedRequest.Text($"{spec.Model}: lone surrogate {escape} in a name", "{\"" + escape + "x\":1," + json[1..], "$");
    }

    private static MalformedRequest InvalidUtf8Value(ModelSpec spec, string field, byte[] bytes)
    {
        var body = Base(spec);
        body[field] = Placeholder;
        byte[] json = Encoding.UTF8.GetBytes(body.ToJsonString());
        byte[] marker = Encoding.UTF8.GetBytes(Placeholder);
        int at = json.AsSpan().IndexOf(marker);
        byte[] result = [.. json.AsSpan(0, at), .. Encoding.UTF8.GetBytes("ab"), .. bytes, .. json.AsSpan(at + marker.Length)];
        return MalformedRequest.Bytes($"{spec.Model}: invalid UTF-8 {Convert.ToHexString(bytes)} in {field}", result, field);
    }

    /// <summary>Every media field the spec takes, set to each bad value, with the exact path the answer must name.</summary>
    private static IEnumerable<(string Path, MalformedRequest Request)> MediaCases(ModelSpec spec, IEnumerable<string> badValues)
    {
        foreach (string bad in badValues)
        {
            string label = bad.Length > 60 ? bad[..60] + "..." : bad;
            if (spec.PromptImage is not null)
            {
                yield return ("promptImage", With(spec, label, "promptImage", bad));
                yield return ("promptImage.0.uri", With(spec, label, "promptImage.0.uri",
                    new JsonArray(new JsonObject { ["uri"] = bad, ["position"] = "first" }), field: "promptImage"));
            }
            if (spec.VideoField is { } video) yield return (video, With(spec, label, video, bad));
            if (spec.Endpoint == RunwayEndpoints.VideoUpscale) yield return ("videoUri", With(spec, label, "videoUri", bad));
            if (spec.MaxReferences > 0)
                yield return ("references.0.uri", With(spec, label, "references.0.uri", new JsonArray(new JsonObject { ["uri"] = bad }), field: "references"));
            if (spec.ReferenceImages is not null)
                yield return ("referenceImages.0.uri", With(spec, label, "referenceImages.0.uri", new JsonArray(new JsonObject { ["uri"] = bad }), field: "referenceImages"));
            if (spec.Keyframes)
                yield return ("keyframes.0.uri", With(spec, label, "keyframes.0.uri", new JsonArray(new JsonObject { ["uri"] = bad, ["seconds"] = 1 }), field: "keyframes"));
        }
    }

    /// <summary>Ratios from elsewhere in the catalog that this model does not take (or any ratio, when it takes none).</summary>
    private static IEnumerable<string> InvalidRatios(ModelSpec spec)
    {
        if (spec.Ratio is { Allowed: null })
        {
            return [];   // a free string (aleph2's deprecated ratio): nothing is invalid
        }
        var all = Specs.SelectMany(s => s.Ratio?.Allowed ?? []).Concat(["1:1", "16:9", "0:0", "", "1280x720"]).Distinct();
        return all.Where(r => spec.Ratio?.Allowed?.Contains(r) != true);
    }

    private static IEnumerable<JsonNode> InvalidDurations(ModelSpec spec)
    {
        if (spec.Duration is not { } rule)
        {
            return [JsonValue.Create(5)];
        }
        var values = new List<JsonNode> { JsonValue.Create(rule.Min - 1), JsonValue.Create(rule.Max + 1), JsonValue.Create(0), JsonValue.Create(rule.Min + 0.5) };
        if (rule.Allowed is { } allowed)
        {
            values.AddRange(Enumerable.Range(rule.Min, rule.Max - rule.Min + 1).Where(d => !allowed.Contains(d)).Select(d => (JsonNode)JsonValue.Create(d)));
        }
        return values;
    }

    private static IEnumerable<JsonNode> InvalidSeeds(ModelSpec spec) =>
        spec.Seed
            ? [JsonValue.Create(-1L), JsonValue.Create((long)uint.MaxValue + 1), JsonValue.Create(1.5), JsonValue.Create("7")]
            : [JsonValue.Create(7L)];

    private static IEnumerable<string> OtherEndpointModels(ModelSpec spec) =>
        Specs.Where(s => s.Endpoint != spec.Endpoint && RunwayModelCatalog.Find(spec.Endpoint, s.Model) is null).Select(s => s.Model).Distinct();

    private static IEnumerable<string> RequiredFields(ModelSpec spec)
    {
        yield return "model";
        if (spec.PromptText is { Required: true }) yield return "promptText";
        if (spec.Ratio is { Required: true }) yield return "ratio";
        if (spec.Duration is { Required: true }) yield return "duration";
        if (spec.PromptImage is not null) yield return "promptImage";
        if (spec.VideoField is { } video) yield return video;
        if (spec.Endpoint == RunwayEndpoints.VideoUpscale) yield return "videoUri";
        if (spec.ReferenceImages is { Min: > 0 }) yield return "referenceImages";
    }

    private static JsonNode? WrongType(Random random, string field) => field switch
    {
        GenerationFields.Duration or GenerationFields.Seed => Pick<JsonNode>(random, ["5", true, new JsonObject(), new JsonArray(), 2.5]),
        GenerationFields.Audio => Pick<JsonNode>(random, ["true", 1, new JsonArray()]),
        GenerationFields.PromptImage => Pick<JsonNode>(random, [1, true, new JsonObject { ["uri"] = ImageUrl }]),
        GenerationFields.ContentModeration => Pick<JsonNode>(random, ["auto", 1, new JsonArray()]),
        GenerationFields.References or GenerationFields.Keyframes => Pick<JsonNode>(random, [ImageUrl, 1, new JsonObject { ["uri"] = ImageUrl }]),
        _ => Pick<JsonNode>(random, [random.Next(), true, false, new JsonObject(), new JsonArray("x"), 1.5]),
    };

    /// <summary>A well-typed value for a field, for fields sent to an endpoint that does not take them.</summary>
    private static JsonNode ValueFor(string field) => field switch
    {
        GenerationFields.Duration => 5,
        GenerationFields.Seed => 7,
        GenerationFields.Audio => true,
        GenerationFields.PromptImage => ImageUrl,
        GenerationFields.VideoUri or GenerationFields.PromptVideo => VideoUrl,
        GenerationFields.ContentModeration => new JsonObject { ["publicFigureThreshold"] = "auto" },
        GenerationFields.References or GenerationFields.ReferenceImages => new JsonArray(new JsonObject { ["uri"] = ImageUrl }),
        GenerationFields.Keyframes => new JsonArray(new JsonObject { ["uri"] = ImageUrl, ["seconds"] = 1 }),
        _ => "1280:720",
    };

    private static string RandomBadMedia(Random random)
    {
        switch (random.Next(5))
        {
            case 0:
                return $"https://{random.Next(256)}.{random.Next(256)}.{random.Next(256)}.{random.Next(256)}/m.png";
            case 1:
                return $"https://[{random.Next(0x10000):x}::{random.Next(0x10000):x}]/m.png";
            case 2:
                return $"https://{RandomWord(random, 1, 10)}{Pick(random, new[] { "", ".", ".local", ".internal", ".localhost", ".home.arpa" })}/m.png";
            case 3:
                return Pick(random, BadMediaValues);
            default:
                return $"https://{Pick(random, BadHosts)}/{RandomWord(random, 0, 8)}";
        }
    }

    private static string RandomWord(Random random, int min, int max)
    {
        const string letters = "abcdefghijklmnopqrstuvwxyz0123456789";
        var chars = new char[random.Next(min, max + 1)];
        for (int i = 0; i < chars.Length; i++) chars[i] = letters[random.Next(i == 0 ? 26 : letters.Length)];
        return new string(chars);
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
