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
}

internal sealed class IssueList
{
    private readonly List<ValidationIssue> _issues = [];

    public IReadOnlyList<ValidationIssue> Items => _issues;

    public bool Any => _issues.Count > 0;

    public void Add(string code, FieldPath path, string message) => _issues.Add(new ValidationIssue(code, path.Segments, message));
}

/// <summary>An immutable JSON path such as <c>promptImage.0.uri</c>.</summary>
internal readonly record struct FieldPath(IReadOnlyList<object> Segments)
{
    public static FieldPath Root { get; } = new([]);

    public FieldPath Then(string property) => new([.. Segments, property]);

    public FieldPath Then(int index) => new([.. Segments, index]);
}
