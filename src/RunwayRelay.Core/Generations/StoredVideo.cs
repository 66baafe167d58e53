using System.Text.Json.Serialization;

namespace RunwayRelay.Generations;

/// <summary>One output copied into Blob Storage.</summary>
public sealed record StoredVideo(string Name, Uri BlobUrl, long Size, string ContentType)
{
    /// <summary>A read-only, expiring link added by the status endpoint when the storage can sign one; never stored.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Uri? DownloadUrl { get; init; }
}
