using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

/// <summary>Body of <c>POST /v1/uploads</c> (step 1 of an ephemeral upload).</summary>
public sealed record RunwayUploadRequest(
    [property: JsonPropertyName("filename")] string FileName,
    [property: JsonPropertyName("type")] string Type = RunwayUploadRequest.Ephemeral)
{
    public const string Ephemeral = "ephemeral";
}
