using System.Text.Json.Serialization;

namespace RunwayRelay.Emulator.Validation;

/// <summary>One problem in a request body, shaped like Runway's (Zod) issues.</summary>
public sealed record ValidationIssue(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("path")] IReadOnlyList<object> Path,
    [property: JsonPropertyName("message")] string Message)
{
    [JsonIgnore]
    public string PathText => Path.Count == 0 ? "body" : string.Join('.', Path);

    /// <summary>Runway's summary line: "path: message" for each issue, e.g. "promptImage: String must contain at most 2048 character(s)".</summary>
    public static string Summarize(IEnumerable<ValidationIssue> issues) => string.Join("; ", issues.Select(i => $"{i.PathText}: {i.Message}"));
}
