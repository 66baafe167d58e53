namespace RunwayRelay.Storage;

/// <summary>
/// A download that ended early, stalled or did not match its Content-Length (the copy is retried, nothing was committed),
/// or an output name that holds another generation's video.
/// </summary>
public sealed class VideoCopyException(string message, Exception? innerException = null) : Exception(message, innerException);
