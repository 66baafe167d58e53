using System.Text;

namespace RunwayRelay.Http.OpenApi.PowerPlatform;

/// <summary>Turns identifiers into the titles the designer shows (<c>x-ms-summary</c>).</summary>
internal static class ConnectorNames
{
    private static readonly Dictionary<string, string> Acronyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = "ID", ["url"] = "URL", ["uri"] = "URI", ["sas"] = "SAS",
    };

    /// <summary><c>runwayTaskId</c> → "Runway Task ID", <c>Idempotency-Key</c> → "Idempotency Key", <c>start_seconds</c> → "Start Seconds".</summary>
    public static string Title(string name) => string.Join(' ', Split(name).Select(Capitalize));

    /// <summary><c>GetUsage</c> → "Get usage": an action title in sentence case.</summary>
    public static string Words(string name)
    {
        var words = Split(name).ToList();
        return words.Count == 0
            ? name
            : string.Join(' ', words.Select((w, i) => i == 0 ? Capitalize(w) : Acronyms.GetValueOrDefault(w) ?? w.ToLowerInvariant()));
    }

    private static string Capitalize(string word) =>
        Acronyms.GetValueOrDefault(word) ?? char.ToUpperInvariant(word[0]) + word[1..];

    private static IEnumerable<string> Split(string name)
    {
        var word = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }
                continue;
            }
            // A capital starts a word unless it continues a run of capitals (URL, ID).
            if (char.IsUpper(c) && word.Length > 0 && !(char.IsUpper(name[i - 1]) && (i + 1 >= name.Length || !char.IsLower(name[i + 1]))))
            {
                yield return word.ToString();
                word.Clear();
            }
            word.Append(c);
        }
        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}
