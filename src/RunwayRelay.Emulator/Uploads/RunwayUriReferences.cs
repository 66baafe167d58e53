using System.Text.Json;
using RunwayRelay.Emulator.Validation;

namespace RunwayRelay.Emulator.Uploads;

/// <summary>
/// Finds every <c>runway://</c> string in a generation body (promptImage, videoUri, references, keyframes...) and reports
/// the ones that cannot be used: the schema checks only their form, this checks that the upload exists and is fresh.
/// </summary>
internal static class RunwayUriReferences
{
    public static IReadOnlyList<ValidationIssue> Check(JsonElement body, UploadStore uploads)
    {
        var issues = new IssueList();
        Walk(body, FieldPath.Root, uploads, issues);
        return issues.Items;
    }

    private static void Walk(JsonElement value, FieldPath path, UploadStore uploads, IssueList issues)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    Walk(property.Value, path.Then(property.Name), uploads, issues);
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Walk(item, path.Then(index++), uploads, issues);
                }
                break;
            case JsonValueKind.String when value.GetString()!.StartsWith("runway://", StringComparison.Ordinal):
                var message = uploads.Check(value.GetString()!) switch
                {
                    RunwayUriState.Unknown => "Unknown runway:// URI: it was not returned by POST /v1/uploads (or was deleted). Upload the file first",
                    RunwayUriState.NotUploaded => "The file of this runway:// URI was never uploaded: POST it to the uploadUrl first",
                    RunwayUriState.Expired => "This runway:// URI has expired (ephemeral uploads last 24 hours): upload the file again",
                    _ => null,
                };
                if (message is not null)
                {
                    issues.Add("custom", path, message);
                }
                break;
        }
    }
}
