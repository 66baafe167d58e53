using Azure;

namespace RunwayRelay.Storage;

/// <summary>A JSON blob as <see cref="JsonBlobContainer"/> read it: the value, the ETag a conditional write needs, and when storage last wrote it.</summary>
internal sealed record JsonBlob<T>(T Value, ETag ETag, DateTimeOffset LastModified);
