using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

/// <summary>
/// Runway's answer to <c>POST /v1/uploads</c>: where to POST the file (a presigned URL), the form fields that authorize it,
/// and the <c>runway://</c> URI the file will have. The URL and fields grant the upload: never log or store them.
/// </summary>
public sealed record RunwayUploadSlot(
    [property: JsonPropertyName("uploadUrl")] string UploadUrl,
    [property: JsonPropertyName("fields")] IReadOnlyDictionary<string, string> Fields,
    [property: JsonPropertyName("runwayUri")] string RunwayUri);
