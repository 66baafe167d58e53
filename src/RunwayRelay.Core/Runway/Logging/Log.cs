using Microsoft.Extensions.Logging;

namespace RunwayRelay.Runway;

/// <summary>
/// The Runway client's log messages (event ids 200-299). Paths and hosts only: never the key, an upload URL's query or
/// its form fields, nor an output URL.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Runway task {TaskId} created on {Endpoint} with model {Model}")]
    public static partial void RunwayTaskCreated(this ILogger logger, string taskId, string endpoint, string model);

    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "Runway {Method} {Path} answered {Status}")]
    public static partial void RunwayAnswered(this ILogger logger, string method, string path, int status);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Runway task {TaskId} was already gone (404); cancel counts as done")]
    public static partial void RunwayTaskAlreadyGone(this ILogger logger, string taskId);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "Runway task {TaskId} cancelled or deleted")]
    public static partial void RunwayTaskCancelled(this ILogger logger, string taskId);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Runway answered 401 with key sha256:{Fingerprint} ({Operation}); re-reading gave the same key, not retrying")]
    public static partial void RunwayUnauthorizedSameKey(this ILogger logger, string fingerprint, string operation);

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "Runway answered 401 with key sha256:{OldFingerprint} ({Operation}); retrying once with the re-read key sha256:{Fingerprint}")]
    public static partial void RunwayRetryingWithRotatedKey(this ILogger logger, string oldFingerprint, string fingerprint, string operation);

    [LoggerMessage(EventId = 206, Level = LogLevel.Warning, Message = "Runway gave no answer while {Operation}")]
    public static partial void RunwayNoAnswer(this ILogger logger, Exception exception, string operation);

    [LoggerMessage(EventId = 207, Level = LogLevel.Warning, Message = "Runway answered {Status} ({Kind}) while {Operation}")]
    public static partial void RunwayCallFailed(this ILogger logger, int status, RunwayErrorKind kind, string operation);

    [LoggerMessage(EventId = 210, Level = LogLevel.Information, Message = "Uploaded {FileName} ({Bytes} bytes) to Runway's storage at {Host}")]
    public static partial void RunwayUploaded(this ILogger logger, string fileName, long bytes, string host);

    [LoggerMessage(EventId = 211, Level = LogLevel.Debug, Message = "Runway upload storage {Host} answered {Status}")]
    public static partial void RunwayUploadAnswered(this ILogger logger, string host, int status);

    [LoggerMessage(EventId = 212, Level = LogLevel.Warning, Message = "Runway upload storage {Host} gave no answer while uploading {FileName}")]
    public static partial void RunwayUploadNoAnswer(this ILogger logger, Exception exception, string fileName, string host);

    [LoggerMessage(EventId = 213, Level = LogLevel.Warning, Message = "Runway upload storage {Host} answered {Status} ({Kind}) for {FileName}")]
    public static partial void RunwayUploadFailed(this ILogger logger, int status, RunwayErrorKind kind, string fileName, string host);

    /// <summary><paramref name="request"/> is the method and path, or the upload storage's host: never a query.</summary>
    [LoggerMessage(EventId = 220, Level = LogLevel.Warning, Message = "{Request}: attempt {Attempt} failed ({Outcome}); retrying in {Delay} ms")]
    public static partial void RunwayRetrying(this ILogger logger, string request, int attempt, string? outcome, long delay);
}
