using Microsoft.Extensions.Logging;

namespace RunwayRelay.Uploads;

/// <summary>The upload area's log messages (event ids 520-539).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 520, Level = LogLevel.Warning, Message = "Upload {Container}/{Blob} is gone; no generation started")]
    public static partial void UploadGone(this ILogger logger, string container, string blob);

    [LoggerMessage(EventId = 521, Level = LogLevel.Information, Message = "Upload {Container}/{Blob}: generation {GenerationId} already started; event ignored")]
    public static partial void UploadEventIgnored(this ILogger logger, string container, string blob, string generationId);

    [LoggerMessage(EventId = 522, Level = LogLevel.Information,
        Message = "Upload {Container}/{Blob} changed or vanished while being read; its newer version has its own event")]
    public static partial void UploadChangedWhileRead(this ILogger logger, string container, string blob);

    [LoggerMessage(EventId = 523, Level = LogLevel.Information, Message = "Upload {Container}/{Blob}: generation {GenerationId} started ({Model}), output {Output}")]
    public static partial void UploadStarted(this ILogger logger, string container, string blob, string generationId, string model, string output);

    [LoggerMessage(EventId = 524, Level = LogLevel.Information, Message = "Upload {Container}/{Blob}: generation {GenerationId} already started")]
    public static partial void UploadAlreadyStarted(this ILogger logger, string container, string blob, string generationId);

    [LoggerMessage(EventId = 525, Level = LogLevel.Error, Message = "Upload {Container}/{Blob}: no generation started: {Problems}")]
    public static partial void UploadRefused(this ILogger logger, string container, string blob, string problems);

    [LoggerMessage(EventId = 526, Level = LogLevel.Warning, Message = "Upload {Container}/{Blob}: {ErrorBlob} already exists and was kept")]
    public static partial void ErrorBlobKept(this ILogger logger, string container, string blob, string errorBlob);

    [LoggerMessage(EventId = 527, Level = LogLevel.Warning, Message = "Upload {Container}/{Blob}: could not write {ErrorBlob}: {Status}")]
    public static partial void ErrorBlobFailed(this ILogger logger, string container, string blob, string errorBlob, int status);
}
