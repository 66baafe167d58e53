using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace RunwayRelay.Http;

/// <summary>
/// Finds text in a JSON body that is not Unicode. JSON's grammar lets through lone surrogate escapes (<c>"\ud800"</c>)
/// and System.Text.Json does not check raw UTF-8 inside strings until a string is read, where it throws; checking
/// every string and property name once, up front, turns those into field errors instead of a 500.
/// </summary>
internal static class JsonTextCheck
{
    private const string NotUnicode =
        "is not valid Unicode text: it holds a lone surrogate escape (\\ud800 to \\udfff without its pair) or bytes that are not UTF-8";

    /// <summary>A problem with the raw bytes as a whole (a byte order mark), or null.</summary>
    public static string? BodyProblem(ReadOnlySpan<byte> body) =>
        body.StartsWith("\uFEFF"u8)
            ? "The body starts with a byte order mark (EF BB BF); send UTF-8 JSON without one."
            : null;

    /// <summary>Why the body is not UTF-8 (with the byte offset), for a body the JSON parser refused; null when it is UTF-8.</summary>
    public static string? Utf8Problem(ReadOnlySpan<byte> body)
    {
        if (Utf8.IsValid(body))
        {
            return null;
        }
        int offset = 0;
        while (offset < body.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(body[offset..], out _, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                break;
            }
            offset += consumed;
        }
        return $"The body is not valid UTF-8 at byte {offset} (overlong forms and encoded surrogates are invalid too); send JSON as UTF-8.";
    }

    /// <summary>Adds an error under the path of every string or property name that is not Unicode; true when there were none.</summary>
    public static bool Check(JsonElement root, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        int before = errors.Count;
        Walk(root, GenerationFields.Body, errors);
        return errors.Count == before;
    }

    private static void Walk(JsonElement element, string path, ValidationErrors errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (TryName(property) is { } name)
                    {
                        Walk(property.Value, path == GenerationFields.Body ? name : GenerationRequestReader.Path(path, name), errors);
                    }
                    else
                    {
                        // The name cannot be spelt back, so the object holding it is what the caller is pointed at.
                        errors.Add(path, "has a property name that " + NotUnicode);
                    }
                }
                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, path == GenerationFields.Body ? I(i) : GenerationRequestReader.Path(path, i), errors);
                    i++;
                }
                break;
            case JsonValueKind.String:
                if (!IsText(element))
                {
                    errors.Add(path, NotUnicode);
                }
                break;
        }
    }

    private static string? TryName(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (Exception e) when (e is InvalidOperationException or DecoderFallbackException)
        {
            return null;
        }
    }

    private static bool IsText(JsonElement element)
    {
        try
        {
            _ = element.GetString();
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or DecoderFallbackException)
        {
            return false;
        }
    }

    private static string I(int index) => index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
