namespace RunwayRelay.Runway;

/// <summary>
/// A file uploaded to Runway's ephemeral storage. <see cref="RunwayUri"/> (<c>runway://…</c>) goes where a media URL
/// would (promptImage, videoUri, …) and may be used more than once until <see cref="ExpiresAt"/>.
/// </summary>
/// <param name="RunwayUri">The URI exactly as Runway wrote it (kept as a string: <see cref="Uri"/> would lowercase its host).</param>
/// <param name="ExpiresAt">Runway's documented 24 hours, counted from when the upload was requested (an estimate: Runway does not send it).</param>
public sealed record RunwayUpload(string RunwayUri, DateTimeOffset ExpiresAt);
