namespace RunwayRelay.Generations;

/// <summary>
/// The uploaded blob a blob-started generation animates, pinned to the version that started it (<see cref="ETag"/>):
/// the submit activity reads it and sends it to Runway as a data URI, or through an ephemeral upload when it is too
/// large for one.
/// </summary>
public sealed record UploadedImage(string Container, string BlobName, string ETag, string MediaType, long Length);
