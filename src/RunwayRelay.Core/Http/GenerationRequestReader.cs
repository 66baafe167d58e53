using System.Globalization;
using System.Numerics;
using System.Text.Json;
using RunwayRelay.Runway;

namespace RunwayRelay.Http;

/// <summary>
/// Reads a JSON body into a <see cref="GenerationRequestBody"/>, checking only JSON types and shapes, and records every
/// problem under its field path. Unknown fields are problems too: a misspelt <c>promptTxt</c> silently dropped would
/// still start a paid generation, just not the one asked for. Which fields exist, and as which type each is read, comes
/// from <see cref="GenerationRequestContract"/>; this class knows how to read each type, not each field.
/// </summary>
public static class GenerationRequestReader
{
    private delegate object? ValueReader(JsonElement value, string path, ValidationErrors errors);

    /// <summary>How a value of each type the request records use is read (and its problems worded).</summary>
    private static readonly Dictionary<Type, ValueReader> ReadersByType = new()
    {
        [typeof(string)] = (v, p, e) => ReadString(v, p, e),
        [typeof(int?)] = (v, p, e) => ReadInt(v, p, e),
        [typeof(long?)] = (v, p, e) => ReadWhole<long>(v, p, e),
        [typeof(bool?)] = (v, p, e) => ReadScalar<bool>(v, p, e, "true or false", x => x.ValueKind is JsonValueKind.True or JsonValueKind.False ? x.GetBoolean() : null),
        [typeof(IReadOnlyList<string>)] = (v, p, e) => ReadStrings(v, p, e),
        [typeof(IReadOnlyList<PromptImage>)] = (v, p, e) => ReadPromptImages(v, p, e),
        [typeof(ContentModeration)] = (v, p, e) => ReadContentModeration(v, p, e),
        [typeof(IReadOnlyList<MediaReference>)] = (v, p, e) => ReadReferences(v, p, e),
        [typeof(IReadOnlyList<ReferenceImage>)] = (v, p, e) => ReadReferenceImages(v, p, e),
        [typeof(IReadOnlyList<VideoKeyframe>)] = (v, p, e) => ReadKeyframes(v, p, e),
    };

    private static readonly Dictionary<string, ValueReader> ReadersByField = GenerationRequestContract.FieldTypes.ToDictionary(
        f => f.Key,
        f => ReadersByType.TryGetValue(f.Value, out var reader) ? reader : throw new InvalidOperationException(
            $"The request field '{f.Key}' is a {f.Value}, a type {nameof(GenerationRequestReader)} has no reader for; add one to {nameof(ReadersByType)}."),
        StringComparer.Ordinal);

    public static GenerationRequestBody Read(JsonElement root, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(GenerationFields.Body, $"The body must be a JSON object, not {Describe(root.ValueKind)}.");
            return new GenerationRequestBody();
        }

        var present = new HashSet<string>(StringComparer.Ordinal);
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            string name = property.Name;
            JsonElement value = property.Value;
            if (!ReadersByField.TryGetValue(name, out var read))
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
            if (read(value, name, errors) is { } given)
            {
                values[name] = given;
            }
        }
        return new GenerationRequestBody { Values = values, Present = present };
    }

    private static List<PromptImage>? ReadPromptImages(JsonElement value, string field, ValidationErrors errors)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return [new PromptImage(value.GetString()!)];
        }
        return ReadArray(value, field, "a URI string or an array of {uri, position} objects", (item, path) =>
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                return new PromptImage(item.GetString()!);
            }
            if (!ExpectObject(item, path, "a {uri, position} object or a URI string", errors))
            {
                return null;
            }
            var (uri, position) = ReadUriAnd(Properties(item, path, ["uri", "position"], errors), path, "position", errors);
            return new PromptImage(uri, position);
        }, errors);
    }

    private static ContentModeration? ReadContentModeration(JsonElement value, string field, ValidationErrors errors)
    {
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

    private static List<MediaReference>? ReadReferences(JsonElement value, string field, ValidationErrors errors) =>
        ReadUriObjects(value, field, "type", (uri, type) => new MediaReference(uri, type), errors);

    private static List<ReferenceImage>? ReadReferenceImages(JsonElement value, string field, ValidationErrors errors) =>
        ReadUriObjects(value, field, "tag", (uri, tag) => new ReferenceImage(uri, tag), errors);

    /// <summary>An array of <c>{uri, <paramref name="other"/>}</c> objects, the second member an optional string.</summary>
    private static List<T>? ReadUriObjects<T>(JsonElement value, string field, string other, Func<string, string?, T> create,
        ValidationErrors errors) where T : class =>
        ReadObjectArray(value, field, $"{{uri, {other}}}", ["uri", other], (item, path) =>
        {
            var (uri, second) = ReadUriAnd(item, path, other, errors);
            return create(uri, second);
        }, errors);

    /// <summary>An object's required <c>uri</c> and its one other (optional, string) member; a missing uri is reported.</summary>
    private static (string Uri, string? Other) ReadUriAnd(IEnumerable<JsonProperty> members, string path, string other, ValidationErrors errors)
    {
        string? uri = null, second = null;
        foreach (var p in members)
        {
            if (p.Name == "uri") uri = ReadString(p.Value, Path(path, "uri"), errors);
            else second = ReadString(p.Value, Path(path, other), errors);
        }
        RequireUri(uri, path, errors);
        return (uri ?? "", second);
    }

    private static List<VideoKeyframe>? ReadKeyframes(JsonElement value, string field, ValidationErrors errors) =>
        ReadObjectArray(value, field, "{uri, seconds | at, range}", ["uri", "seconds", "at", "range"], (item, path) =>
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
        Func<IEnumerable<JsonProperty>, string, T> readItem, ValidationErrors errors) where T : class =>
        ReadArray(value, field, $"an array of {shape} objects", (item, path) =>
            ExpectObject(item, path, $"a {shape} object", errors) ? readItem(Properties(item, path, known, errors).ToList(), path) : null, errors);

    /// <summary>Each item read under its index path (<c>field.0</c>); an item that does not read is left out, its problem reported.</summary>
    private static List<T>? ReadArray<T>(JsonElement value, string field, string shape, Func<JsonElement, string, T?> readItem,
        ValidationErrors errors) where T : class
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(field, $"must be {shape}, not {Describe(value.ValueKind)}");
            return null;
        }
        var items = new List<T>();
        int i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (readItem(item, Path(field, i++)) is { } read)
            {
                items.Add(read);
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

    private static List<string>? ReadStrings(JsonElement value, string field, ValidationErrors errors) =>
        ReadArray(value, field, "an array of strings", (item, path) => ReadString(item, path, errors), errors);

    private static string? ReadString(JsonElement value, string path, ValidationErrors errors)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }
        errors.Add(path, $"must be a string, not {Describe(value.ValueKind)}");
        return null;
    }

    private static int? ReadInt(JsonElement value, string path, ValidationErrors errors) => ReadWhole<int>(value, path, errors);

    private static double? ReadDouble(JsonElement value, string path, ValidationErrors errors) =>
        ReadScalar<double>(value, path, errors, "a number",
            x => x.ValueKind == JsonValueKind.Number && x.TryGetDouble(out double d) && double.IsFinite(d) ? d : null);

    /// <summary>A whole number that fits <typeparamref name="T"/>: <c>5</c>, <c>5.0</c> and <c>5e0</c> are, <c>5.5</c> is not.</summary>
    private static T? ReadWhole<T>(JsonElement value, string path, ValidationErrors errors) where T : struct, IBinaryInteger<T>, IMinMaxValue<T> =>
        ReadScalar<T>(value, path, errors, "a whole number", x =>
        {
            if (x.ValueKind != JsonValueKind.Number)
            {
                return null;
            }
            if (x.TryGetInt64(out long n) && n >= long.CreateTruncating(T.MinValue) && n <= long.CreateTruncating(T.MaxValue))
            {
                return T.CreateTruncating(n);
            }
            return x.TryGetDouble(out double d) && d == Math.Floor(d) && d >= double.CreateTruncating(T.MinValue) && d <= double.CreateTruncating(T.MaxValue)
                ? T.CreateSaturating(d)
                : null;
        });

    private static T? ReadScalar<T>(JsonElement value, string path, ValidationErrors errors, string expected, Func<JsonElement, T?> read)
        where T : struct
    {
        if (read(value) is { } result)
        {
            return result;
        }
        errors.Add(path, $"must be {expected}, not {Describe(value)}");
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
