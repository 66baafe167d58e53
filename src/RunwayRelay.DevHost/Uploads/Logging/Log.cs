using RunwayRelay.Uploads;

namespace RunwayRelay.DevHost.Uploads;

/// <summary>The DevHost inbox scanner's log messages (event ids 540-559).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 540, Level = LogLevel.Information, Message = "Upload {Container}/{Blob}: {Outcome} (generation {GenerationId})")]
    public static partial void UploadHandled(this ILogger logger, string container, string blob, BlobGenerationOutcome outcome, string? generationId);

    [LoggerMessage(EventId = 541, Level = LogLevel.Warning, Message = "Scanning {Container} for uploads failed, retrying: {Error}")]
    public static partial void ScanFailed(this ILogger logger, string container, string error);

    [LoggerMessage(EventId = 542, Level = LogLevel.Warning,
        Message = "Upload {Container}/{Blob}: starting it failed (attempt {Attempt} of {MaxAttempts}), trying again on the next scan: {Error}")]
    public static partial void StartFailed(this ILogger logger, string container, string blob, int attempt, int maxAttempts, string error);

    [LoggerMessage(EventId = 543, Level = LogLevel.Error,
        Message = "Upload {Container}/{Blob}: starting it failed {Attempts} times, not trying this version again ({Error}); see {Report}")]
    public static partial void GaveUp(this ILogger logger, string container, string blob, int attempts, string error, string report);

    [LoggerMessage(EventId = 544, Level = LogLevel.Information, Message = "Upload {Container}/{Blob}: skipped, an earlier run gave up on this version (see {Report})")]
    public static partial void GaveUpEarlier(this ILogger logger, string container, string blob, string report);

    [LoggerMessage(EventId = 545, Level = LogLevel.Warning,
        Message = "Upload {Container}/{Blob}: {Report} already exists and was kept; the failure is reported only in this log")]
    public static partial void ReportKept(this ILogger logger, string container, string blob, string report);

    [LoggerMessage(EventId = 546, Level = LogLevel.Warning, Message = "Upload {Container}/{Blob}: could not write {Report}: {Status}")]
    public static partial void ReportFailed(this ILogger logger, string container, string blob, string report, int status);
}
