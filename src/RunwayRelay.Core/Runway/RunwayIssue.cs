using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

/// <summary>One validation problem as Runway reports it in <c>issues</c> (also used by our own validation).</summary>
public sealed record RunwayIssue(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("path")] IReadOnlyList<string> Path,
    [property: JsonPropertyName("message")] string Message)
{
    /// <summary>Dotted field path, e.g. <c>promptImage.0.uri</c>.</summary>
    public string Field => string.Join('.', Path);
}
