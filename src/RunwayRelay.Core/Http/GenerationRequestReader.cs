using System.Globalization;
using System.Text.Json;
using RunwayRelay.Runway;

namespace RunwayRelay.Http;

/// <summary>The body's field names (Runway's, camelCase).</summary>
public static class GenerationFields
{
    public const string Endpoint = "endpoint";
    public const string Model = "model";
    public const string PromptText = "promptText";
    public const string PromptImage = "promptImage";
    public const string VideoUri = "videoUri";
    public const string PromptVideo = "promptVideo";
    public const string Ratio = "ratio";
    public const string Duration = "duration";
    public const string Seed = "seed";
    public const string Audio = "audio";
    public const string NegativePrompt = "negativePrompt";
    public const string ContentModeration = "contentModeration";
    public const string References = "references";
    public const string ReferenceImages = "referenceImages";
    public const string Keyframes = "keyframes";
    public const string TargetAspectRatio = "targetAspectRatio";
    public const string Resolution = "resolution";
    public const string OutputBlobName = "outputBlobName";
    public const string CallbackUrl = "callbackUrl";
    public const string CallbackEvents = "callbackEvents";

    /// <summary>Key of problems with the body as a whole (not JSON, not an object), as System.Text.Json names the root.</summary>
    public const string Body = "$";

    public static IReadOnlyList<string> All { get; } =
    [
        Endpoint, Model, PromptText, PromptImage, VideoUri, PromptVideo, Ratio, Duration, Seed, Audio, NegativePrompt,
        ContentModeration, References, ReferenceImages, Keyframes, TargetAspectRatio, Resolution, OutputBlobName, CallbackUrl,
        CallbackEvents,
    ];
}

/// <summary>
/// Reads a JSON body into a <see cref="GenerationRequestBody"/>, checking only JSON types and shapes, and records every
/// problem under its field path. Unknown fields are problems too: a misspelt <c>promptTxt</c> silently dropped would
/// still start a paid generation, just not the one asked for.
/// </summary>
public static class GenerationRequestReader
{
    public static GenerationRequestBody Read(JsonElement root, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(GenerationFields.Body, $"The body must be a JSON object, not {Describe(root.ValueKind)}.");
            return new GenerationRequestBody();
        }

        var present = new HashSet<string>(StringComparer.Ordinal);
        var body = new GenerationRequestBody { Present = present };
        foreach (var property in root.EnumerateObject())
        {
            string name = property.Name;
            JsonElement value = property.Value;
            if (!GenerationFields.All.Contains(name, StringComparer.Ordinal))
            {
                string? hint = GenerationFields.All.FirstOrDefault(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase));
                errors.Add(name, hint is null
                    ? $"is not a known field; known fields: {string.Join(", ", GenerationFields.All)}"
                    : $"is not a known field; did you mean '{hint}'? (field names are case-sensitive)");
                continue;
            }
            if (!present.Add(name))
            {
                errors.Add(name, "appears more than once");
                continue;
            }
            if (value.ValueKind == JsonValueKind.Null)
            {
                // null means "not given", as for any omitted optional field.
                present.Remove(name);
                continue;
            }

            body = name switch
            {
                GenerationFields.Endpoint => body with { Endpoint = ReadString(value, name, errors) },
                GenerationFields.Model => body with { Model = ReadString(value, name, errors) },
                GenerationFields.PromptText => body with { PromptText = ReadString(value, name, errors) },
                GenerationFields.PromptImage => body with { PromptImage = ReadPromptImages(value, errors) },
                GenerationFields.VideoUri => body with { VideoUri = ReadString(value, name, errors) },
                GenerationFields.PromptVideo => body with { PromptVideo = ReadString(value, name, errors) },
                GenerationFields.Ratio => body with { Ratio = ReadString(value, name, errors) },
                GenerationFields.Duration => body with { Duration = ReadInt(value, name, errors) },
                GenerationFields.Seed => body with { Seed = ReadLong(value, name, errors) },
                GenerationFields.Audio => body with { Audio = ReadBool(value, name, errors) },
                GenerationFields.NegativePrompt => body with { NegativePrompt = ReadString(value, name, errors) },
                GenerationFields.ContentModeration => body with { ContentModeration = ReadContentModeration(value, errors) },
                GenerationFields.References => body with { References = ReadReferences(value, errors) },
                GenerationFields.ReferenceImages => body with { ReferenceImages = ReadReferenceImages(value, errors) },
                GenerationFields.Keyframes => body with { Keyframes = ReadKeyframes(value, errors) },
                GenerationFields.TargetAspectRatio => body with { TargetAspectRatio = ReadString(value, name, errors) },
                GenerationFields.Resolution => body with { Resolution = ReadString(value, name, errors) },
                GenerationFields.OutputBlobName => body with { OutputBlobName = ReadString(value, name, errors) },
                GenerationFields.CallbackUrl => body with { CallbackUrl = ReadString(value, name, errors) },
                GenerationFields.CallbackEvents => body with { CallbackEvents = ReadStrings(value, name, errors) },
                _ => body,
            };
        }
        return body;
    }

    private static IReadOnlyList<PromptImage>? ReadPromptImages(JsonElement value, ValidationErrors errors)
    {
        const string field = GenerationFields.PromptImage;
        if (value.ValueKind == JsonValueKind.String)
        {
            return [new PromptImage(value.GetString()!)];
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(field, $"must be a URI string or an array of {{uri, position}} objects, not {Describe(value.ValueKind)}");
            return null;
        }
        var images = new List<PromptImage>();
        int i = 0;
        foreach (var item in value.EnumerateArray())
        {
            string path = Path(field, i++);
            if (item.ValueKind == JsonValueKind.String)
            {
                images.Add(new PromptImage(item.GetString()!));
                continue;
            }
            if (!ExpectObject(item, path, "a {uri, position} object or a URI string", errors))
            {
                continue;
            }
            string? uri = null, position = null;
            foreach (var p in Properties(item, path, ["uri", "position"], errors))
            {
                if (p.Name == "uri") uri = ReadString(p.Value, Path(path, "uri"), errors);
                else position = ReadString(p.Value, Path(path, "position"), errors);
            }
            if (uri is null && !errors.Contains(Path(path, "uri")))
            {
                errors.Add(Path(path, "uri"), "is required");
            }
            images.Add(new PromptImage(uri ?? "", position));
        }
        return images;
    }

    private static ContentModeration? ReadContentModeration(JsonElement value, ValidationErrors errors)
    {
        const string field = GenerationFields.ContentModeration;
        if (!ExpectObject(value, field, "an object such as {\"publicFigureThreshold\": \"auto\"}", errors))
        {
            return null;
        }
        string? threshold = null;
        foreach (var p in Properties(value, field, ["publicFigureThreshold"], errors))
        {
            threshold = ReadString(p.Value, Path(field, p.Name), errors);
        }
        if (threshold is null && !errors.Contains(Path(field, "publicFigureThreshold")))
        {
            errors.Add(Path(field, "publicFigureThreshold"), "is required: 'auto' or 'low'");
        }
        return threshold is null ? null : new ContentModeration(threshold);
    }

    private static List<MediaReference>? ReadReferences(JsonElement value, ValidationErrors errors) =>
        ReadObjectArray(value, GenerationFields.References, "{uri, type}", ["uri", "type"], (item, path) =>
        {
            string? uri = null, type = null;
            foreach (var p in item)
            {
                if (p.Name == "uri") uri = ReadString(p.Value, Path(path, "uri"), errors);
                else type = ReadString(p.Value, Path(path, "type"), errors);
            }
            RequireUri(uri, path, errors);
            return new MediaReference(uri ?? "", type);
        }, errors);

    private static List<ReferenceImage>? ReadReferenceImages(JsonElement value, ValidationErrors errors) =>
        ReadObjectArray(value, GenerationFields.ReferenceImages, "{uri, tag}", ["uri", "tag"], (item, path) =>
        {
            string? uri = null, tag = null;
            foreach (var p in item)
            {
                if (p.Name == "uri") uri = ReadString(p.Value, Path(path, "uri"), errors);
                else tag = ReadString(p.Value, Path(path, "tag"), errors);
            }
            RequireUri(uri, path, errors);
            return new ReferenceImage(uri ?? "", tag);
        }, errors);

    private static List<VideoKeyframe>? ReadKeyframes(JsonElement value, ValidationErrors errors) =>
        ReadObjectArray(value, GenerationFields.Keyframes, "{uri, seconds | at, range}", ["uri", "seconds", "at", "range"], (item, path) =>
        {
            string? uri = null;
            double? seconds = null, at = null;
            KeyframeRange? range = null;
            foreach (var p in item)
            {
                switch (p.Name)
                {
                    case "uri": uri = ReadString(p.Value, Path(path, "uri"), errors); break;
                    case "seconds": seconds = ReadDouble(p.Value, Path(path, "seconds"), errors); break;
                    case "at": at = ReadDouble(p.Value, Path(path, "at"), errors); break;
                    default: range = ReadRange(p.Value, Path(path, "range"), errors); break;
                }
            }
            RequireUri(uri, path, errors);
            return new VideoKeyframe { Uri = uri ?? "", Seconds = seconds, At = at, Range = range };
        }, errors);

    private static KeyframeRange? ReadRange(JsonElement value, string path, ValidationErrors errors)
    {
        if (!ExpectObject(value, path, "an object {start_seconds, end_seconds}", errors))
        {
            return null;
        }
        int? start = null, end = null;
        foreach (var p in Properties(value, path, ["start_seconds", "end_seconds"], errors))
        {
            int? n = ReadInt(p.Value, Path(path, p.Name), errors);
            if (p.Name == "start_seconds") start = n; else end = n;
        }
        foreach (var (name, n) in new[] { ("start_seconds", start), ("end_seconds", end) })
        {
            if (n is null && !errors.Contains(Path(path, name)))
            {
                errors.Add(Path(path, name), "is required");
            }
        }
        return start is { } s && end is { } e ? new KeyframeRange(s, e) : null;
    }

    private static List<T>? ReadObjectArray<T>(JsonElement value, string field, string shape, string[] known,
        Func<IEnumerable<JsonProperty>, string, T> readItem, ValidationErrors errors)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(field, $"must be an array of {shape} objects, not {Describe(value.ValueKind)}");
            return null;
        }
        var items = new List<T>();
        int i = 0;
        foreach (var item in value.EnumerateArray())
        {
            string path = Path(field, i++);
            if (ExpectObject(item, path, $"a {shape} object", errors))
            {
                items.Add(readItem(Properties(item, path, known, errors).ToList(), path));
            }
        }
        return items;
    }

    private static void RequireUri(string? uri, string path, ValidationErrors errors)
    {
        if (uri is null && !errors.Contains(Path(path, "uri")))
        {
            errors.Add(Path(path, "uri"), "is required");
        }
    }

    /// <summary>The object's properties that are known and not null; unknown and repeated ones become errors.</summary>
    private static IEnumerable<JsonProperty> Properties(JsonElement item, string path, string[] known, ValidationErrors errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in item.EnumerateObject())
        {
            if (!known.Contains(p.Name, StringComparer.Ordinal))
            {
                errors.Add(Path(path, p.Name), $"is not a known field; known fields: {string.Join(", ", known)}");
            }
            else if (!seen.Add(p.Name))
            {
                errors.Add(Path(path, p.Name), "appears more than once");
            }
            else if (p.Value.ValueKind != JsonValueKind.Null)
            {
                yield return p;
            }
        }
    }

    private static bool ExpectObject(JsonElement value, string path, string shape, ValidationErrors errors)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            return true;
        }
        errors.Add(path, $"must be {shape}, not {Describe(value.ValueKind)}");
        return false;
    }

    private static List<string>? ReadStrings(JsonElement value, string path, ValidationErrors errors)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(path, $"must be an array of strings, not {Describe(value.ValueKind)}");
            return null;
        }
        var items = new List<string>();
        int i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (ReadString(item, Path(path, i++), errors) is { } text)
            {
                items.Add(text);
            }
        }
        return items;
    }

    private static string? ReadString(JsonElement value, string path, ValidationErrors errors)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }
        errors.Add(path, $"must be a string, not {Describe(value.ValueKind)}");
        return null;
    }

    private static int? ReadInt(JsonElement value, string path, ValidationErrors errors)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (value.TryGetInt32(out int n))
            {
                return n;
            }
            if (value.TryGetDouble(out double d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue)
            {
                return (int)d;
            }
        }
        errors.Add(path, $"must be a whole number, not {Describe(value)}");
        return null;
    }

    private static long? ReadLong(JsonElement value, string path, ValidationErrors errors)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (value.TryGetInt64(out long n))
            {
                return n;
            }
            if (value.TryGetDouble(out double d) && d == Math.Floor(d) && d is >= long.MinValue and <= long.MaxValue)
            {
                return (long)d;
            }
        }
        errors.Add(path, $"must be a whole number, not {Describe(value)}");
        return null;
    }

    private static double? ReadDouble(JsonElement value, string path, ValidationErrors errors)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double d) && double.IsFinite(d))
        {
            return d;
        }
        errors.Add(path, $"must be a number, not {Describe(value)}");
        return null;
    }

    private static bool? ReadBool(JsonElement value, string path, ValidationErrors errors)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }
        errors.Add(path, $"must be true or false, not {Describe(value)}");
        return null;
    }

    internal static string Path(string parent, string child) => parent + "." + child;

    internal static string Path(string parent, int index) => parent + "." + index.ToString(CultureInfo.InvariantCulture);

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.String => "a string",
        _ => Describe(value.ValueKind),
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
