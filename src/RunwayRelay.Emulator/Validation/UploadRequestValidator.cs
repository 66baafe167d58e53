using System.Text.Json;
using static RunwayRelay.Emulator.Validation.Checks;

namespace RunwayRelay.Emulator.Validation;

/// <summary>The body of <c>POST /v1/uploads</c>: <c>{"filename": "x.png", "type": "ephemeral"}</c>.</summary>
internal static class UploadRequestValidator
{
    /// <summary>Media extensions Runway's generation inputs take (images, videos, audio).</summary>
    public static readonly string[] Extensions =
        ["png", "jpg", "jpeg", "webp", "mp4", "mov", "webm", "mkv", "mp3", "wav", "m4a", "aac", "ogg", "flac"];

    private static readonly FieldSpec[] Fields =
    [
        Required("filename", FileName()),
        Required("type", Literal("ephemeral")),
    ];

    public static IReadOnlyList<ValidationIssue> Validate(JsonElement body)
    {
        var issues = new IssueList();
        ValidateObject(body, FieldPath.Root, Fields, issues);
        return issues.Items;
    }

    private static FieldCheck FileName() => (value, path, issues) =>
    {
        var before = issues.Items.Count;
        Text(3, 255)(value, path, issues);
        if (issues.Items.Count > before)
        {
            return;
        }
        var name = value.GetString()!;
        var dot = name.LastIndexOf('.');
        var extension = dot < 0 ? "" : name[(dot + 1)..].ToLowerInvariant();
        if (!Extensions.Contains(extension, StringComparer.Ordinal) || name.IndexOfAny(['/', '\\']) >= 0)
        {
            issues.Add("custom", path,
                $"The filename must be a plain name with a media extension ({string.Join(", ", Extensions.Select(e => "." + e))})");
        }
    };
}
