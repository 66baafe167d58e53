namespace RunwayRelay.Emulator.Uploads;

/// <summary>One ephemeral upload: created by <c>POST /v1/uploads</c>, filled by the file POST to its presigned URL.</summary>
internal sealed class UploadSlot
{
    public required string Id { get; init; }

    public required string FileName { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Until when the presigned URL (its policy) accepts the file.</summary>
    public required DateTimeOffset PolicyExpiresAt { get; init; }

    /// <summary>Until when the <c>runway://</c> URI can be used in generations.</summary>
    public required DateTimeOffset UriExpiresAt { get; init; }

    public required long MinBytes { get; init; }

    public required long MaxBytes { get; init; }

    /// <summary>Where the uploaded bytes are; null until an upload completed.</summary>
    public string? FilePath { get; set; }

    public long Size { get; set; }

    public string RunwayUri => UploadStore.UriPrefix + Id;

    /// <summary>The S3-style object key the presigned POST must name.</summary>
    public string ObjectKey => $"uploads/{Id}/{FileName}";
}
