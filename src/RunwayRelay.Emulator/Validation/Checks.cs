using System.Globalization;
using System.Net;
using System.Text.Json;

namespace RunwayRelay.Emulator.Validation;

/// <summary>
/// Field rules written after Runway's OpenAPI schema (Zod on the server): the codes and messages follow Zod's wording,
/// which is what Runway's 400 bodies show (e.g. "String must contain at most 2048 character(s)").
/// </summary>
internal static class Checks
{
    public const int HttpsUrlMaxLength = 2048;
    public const int HttpsUrlMinLength = 13;
    public const int RunwayUriMaxLength = 5000;
    public const int ImageDataUriMaxLength = 5 * 1024 * 1024;
    public const int VideoDataUriMaxLength = 16 * 1024 * 1024;

    public static FieldSpec Required(string name, FieldCheck check) => new(name, true, check);

    public static FieldSpec Optional(string name, FieldCheck check) => new(name, false, check);

    public static FieldCheck Text(int min, int max) => (value, path, issues) =>
    {
        if (!ExpectType(value, JsonValueKind.String, "string", path, issues))
        {
            return;
        }
        // Runway counts UTF-16 code units, which is what string.Length counts.
        var length = value.GetString()!.Length;
        if (length < min)
        {
            issues.Add("too_small", path, $"String must contain at least {min} character(s)");
        }
        else if (length > max)
        {
            issues.Add("too_big", path, $"String must contain at most {max} character(s)");
        }
    };

    public static FieldCheck AnyText() => (value, path, issues) => ExpectType(value, JsonValueKind.String, "string", path, issues);

    public static FieldCheck OneOf(params string[] allowed) => (value, path, issues) =>
    {
        if (!ExpectType(value, JsonValueKind.String, "string", path, issues))
        {
            return;
        }
        var text = value.GetString()!;
        if (!allowed.Contains(text, StringComparer.Ordinal))
        {
            issues.Add("invalid_enum_value", path,
                $"Invalid enum value. Expected {string.Join(" | ", allowed.Select(a => $"'{a}'"))}, received '{text}'");
        }
    };

    public static FieldCheck Literal(string expected) => (value, path, issues) =>
    {
        if (value.ValueKind != JsonValueKind.String || value.GetString() != expected)
        {
            issues.Add("invalid_literal", path, $"Invalid literal value, expected \"{expected}\"");
        }
    };

    public static FieldCheck Integer(long min, long max) => (value, path, issues) =>
    {
        if (!ExpectType(value, JsonValueKind.Number, "number", path, issues))
        {
            return;
        }
        if (!value.TryGetDecimal(out var number) || number != decimal.Truncate(number))
        {
            issues.Add("invalid_type", path, "Expected integer, received float");
            return;
        }
        CheckRange(number, min, max, path, issues);
    };

    public static FieldCheck IntegerIn(params int[] allowed) => (value, path, issues) =>
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number) || !allowed.Any(a => a == number))
        {
            issues.Add("invalid_union", path,
                $"Invalid input: expected one of {string.Join(", ", allowed)}, received {Describe(value)}");
        }
    };

    public static FieldCheck IntegerOrAuto(long min, long max)
    {
        var integer = Integer(min, max);
        return (value, path, issues) =>
        {
            if (value.ValueKind == JsonValueKind.String && value.GetString() == "auto")
            {
                return;
            }
            if (value.ValueKind == JsonValueKind.String)
            {
                issues.Add("invalid_union", path, $"Invalid input: expected an integer or 'auto', received '{value.GetString()}'");
                return;
            }
            integer(value, path, issues);
        };
    }

    public static FieldCheck Number(double min, double max) => (value, path, issues) =>
    {
        if (!ExpectType(value, JsonValueKind.Number, "number", path, issues))
        {
            return;
        }
        CheckRange(value.GetDecimal(), (decimal)min, (decimal)max, path, issues);
    };

    public static FieldCheck Boolean() => (value, path, issues) =>
    {
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            issues.Add("invalid_type", path, $"Expected boolean, received {Describe(value)}");
        }
    };

    public static FieldCheck Seed() => Integer(0, uint.MaxValue);

    /// <summary>An HTTPS URL, a runway:// upload URI or a data URI of the right media kind.</summary>
    public static FieldCheck MediaUri(MediaKind kind) => (value, path, issues) =>
    {
        if (!ExpectType(value, JsonValueKind.String, "string", path, issues))
        {
            return;
        }
        var text = value.GetString()!;
        if (text.StartsWith("https://", StringComparison.Ordinal))
        {
            if (text.Length < HttpsUrlMinLength)
            {
                issues.Add("too_small", path, $"String must contain at least {HttpsUrlMinLength} character(s)");
            }
            else if (text.Length > HttpsUrlMaxLength)
            {
                issues.Add("too_big", path, $"String must contain at most {HttpsUrlMaxLength} character(s)");
            }
            else if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            {
                issues.Add("invalid_string", path, "Invalid url");
            }
            else if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out _))
            {
                issues.Add("custom", path, "URLs must use a domain name, not an IP address");
            }
            return;
        }
        if (text.StartsWith("runway://", StringComparison.Ordinal))
        {
            if (text.Length > RunwayUriMaxLength)
            {
                issues.Add("too_big", path, $"String must contain at most {RunwayUriMaxLength} character(s)");
            }
            return;
        }
        if (text.StartsWith("data:", StringComparison.Ordinal))
        {
            CheckDataUri(text, kind, path, issues);
            return;
        }
        issues.Add("invalid_string", path,
            text.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                ? "Only HTTPS URLs are supported"
                : $"Expected an HTTPS URL, a runway:// URI or a data:{KindName(kind)}/ URI");
    };

    public static FieldCheck Object(params FieldSpec[] fields) => (value, path, issues) => ValidateObject(value, path, fields, issues);

    public static FieldCheck ArrayOf(int min, int max, FieldCheck item) => (value, path, issues) =>
    {
        if (!ExpectType(value, JsonValueKind.Array, "array", path, issues))
        {
            return;
        }
        var count = value.GetArrayLength();
        if (count < min)
        {
            issues.Add("too_small", path, $"Array must contain at least {min} element(s)");
        }
        else if (count > max)
        {
            issues.Add("too_big", path, $"Array must contain at most {max} element(s)");
        }
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            item(element, path.Then(index++), issues);
        }
    };

    /// <summary>
    /// promptImage: a media string, or an array of <c>{uri, position}</c>. <paramref name="positions"/> lists the
    /// allowed positions; <paramref name="allowUnpositioned"/> lets entries omit position (reference mode, which may
    /// not be mixed with keyframes); <paramref name="firstRequired"/> refuses a lone <c>last</c>.
    /// </summary>
    public static FieldCheck PromptImage(string[] positions, int maxItems, bool allowUnpositioned = false, bool firstRequired = true) =>
        (value, path, issues) =>
        {
            if (value.ValueKind == JsonValueKind.String)
            {
                MediaUri(MediaKind.Image)(value, path, issues);
                return;
            }
            if (value.ValueKind != JsonValueKind.Array)
            {
                issues.Add("invalid_union", path, $"Expected a string or an array, received {Describe(value)}");
                return;
            }
            var count = value.GetArrayLength();
            if (count < 1)
            {
                issues.Add("too_small", path, "Array must contain at least 1 element(s)");
                return;
            }
            if (count > maxItems)
            {
                issues.Add("too_big", path, $"Array must contain at most {maxItems} element(s)");
            }

            var position = allowUnpositioned ? Optional("position", OneOf(positions)) : Required("position", OneOf(positions));
            var entry = new[] { Required("uri", MediaUri(MediaKind.Image)), position };
            var seen = new HashSet<string>(StringComparer.Ordinal);
            int withPosition = 0, withoutPosition = 0, index = 0;
            foreach (var element in value.EnumerateArray())
            {
                var itemPath = path.Then(index++);
                ValidateObject(element, itemPath, entry, issues);
                if (element.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }
                if (element.TryGetProperty("position", out var pos) && pos.ValueKind == JsonValueKind.String)
                {
                    withPosition++;
                    if (!seen.Add(pos.GetString()!))
                    {
                        issues.Add("custom", itemPath.Then("position"), $"Duplicate position '{pos.GetString()}': each position may appear once");
                    }
                }
                else
                {
                    withoutPosition++;
                }
            }
            if (withPosition > 0 && withoutPosition > 0)
            {
                issues.Add("custom", path, "Keyframe images (with position) and reference images (without position) cannot be mixed");
            }
            if (firstRequired && withPosition > 0 && !seen.Contains("first"))
            {
                issues.Add("custom", path, "A 'first' frame is required: this model does not support generating with only a last frame");
            }
        };

    /// <summary>Validates an object's members against <paramref name="fields"/>, rejecting unknown keys.</summary>
    public static void ValidateObject(JsonElement value, FieldPath path, IReadOnlyList<FieldSpec> fields, IssueList issues)
    {
        if (!ExpectType(value, JsonValueKind.Object, "object", path, issues))
        {
            return;
        }
        var unknown = new List<string>();
        foreach (var property in value.EnumerateObject())
        {
            var field = fields.FirstOrDefault(f => f.Name == property.Name);
            if (field is null)
            {
                unknown.Add(property.Name);
                continue;
            }
            if (property.Value.ValueKind == JsonValueKind.Null && !field.Required)
            {
                // Zod's optional() takes undefined, not null: Runway rejects an explicit null.
                issues.Add("invalid_type", path.Then(property.Name), "Expected a value, received null");
                continue;
            }
            field.Check(property.Value, path.Then(property.Name), issues);
        }
        foreach (var field in fields.Where(f => f.Required && !value.TryGetProperty(f.Name, out _)))
        {
            issues.Add("invalid_type", path.Then(field.Name), "Required");
        }
        if (unknown.Count > 0)
        {
            issues.Add("unrecognized_keys", path, $"Unrecognized key(s) in object: {string.Join(", ", unknown.Select(u => $"'{u}'"))}");
        }
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => value.TryGetDecimal(out var d) && d == decimal.Truncate(d) ? "integer" : "float",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        JsonValueKind.Null => "null",
        _ => "undefined",
    };

    private static bool ExpectType(JsonElement value, JsonValueKind kind, string name, FieldPath path, IssueList issues)
    {
        if (value.ValueKind == kind)
        {
            return true;
        }
        issues.Add("invalid_type", path, $"Expected {name}, received {Describe(value)}");
        return false;
    }

    private static void CheckRange(decimal number, decimal min, decimal max, FieldPath path, IssueList issues)
    {
        if (number < min)
        {
            issues.Add("too_small", path, $"Number must be greater than or equal to {min.ToString(CultureInfo.InvariantCulture)}");
        }
        else if (number > max)
        {
            issues.Add("too_big", path, $"Number must be less than or equal to {max.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private static void CheckDataUri(string text, MediaKind kind, FieldPath path, IssueList issues)
    {
        var prefix = $"data:{KindName(kind)}/";
        if (!text.StartsWith(prefix, StringComparison.Ordinal))
        {
            issues.Add("invalid_string", path, $"Expected a data URI starting with '{prefix}'");
            return;
        }
        var max = kind == MediaKind.Image ? ImageDataUriMaxLength : VideoDataUriMaxLength;
        if (text.Length > max)
        {
            issues.Add("too_big", path, $"String must contain at most {max} character(s)");
            return;
        }
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0 || !text.AsSpan(0, comma).EndsWith(";base64", StringComparison.Ordinal) || comma == text.Length - 1)
        {
            issues.Add("invalid_string", path, "Expected a base64 data URI (data:<type>;base64,<data>)");
        }
    }

    private static string KindName(MediaKind kind) => kind switch
    {
        MediaKind.Image => "image",
        MediaKind.Video => "video",
        _ => "audio",
    };
}
