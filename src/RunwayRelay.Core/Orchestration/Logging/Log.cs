using Microsoft.Extensions.Logging;
using RunwayRelay.Callbacks;
using RunwayRelay.Generations;
using RunwayRelay.Runway;
using RunwayRelay.Storage;

namespace RunwayRelay.Orchestration;

/// <summary>
/// Every log line of the orchestrators, their steps and activities. Event ids 300-399 (the app's ranges are unique per
/// area). Orchestrator lines go to a replay-safe logger. The messages are what docs/operations.md queries: keep them.
/// </summary>
internal static partial class Log
{
    // Generation steps: 300-319.
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Generation {GenerationId} submitted as Runway task {RunwayTaskId}")]
    public static partial void GenerationSubmitted(this ILogger logger, string generationId, string runwayTaskId);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Generation {GenerationId}: {Event} callback failed: {Error}")]
    public static partial void ProgressCallbackFailed(this ILogger logger, string generationId, string @event, string error);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Generation {GenerationId}: cancel requested")]
    public static partial void CancelRequested(this ILogger logger, string generationId);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Generation {GenerationId}: deadline passed with Runway task {RunwayTaskId} {Status}; cancelling it")]
    public static partial void DeadlinePassed(this ILogger logger, string generationId, string runwayTaskId, RunwayTaskStatus? status);

    /// <summary>One line per generation with its outcome: what "which generations failed and why" is asked of (docs/operations.md).</summary>
    [LoggerMessage(EventId = 304, Level = LogLevel.Information, Message = "Generation {GenerationId} ended Succeeded (Runway task {RunwayTaskId}, {VideoCount} videos)")]
    public static partial void GenerationSucceeded(this ILogger logger, string generationId, string? runwayTaskId, int videoCount);

    [LoggerMessage(EventId = 305, Level = LogLevel.Warning, Message = "Generation {GenerationId} ended {Status} with {ErrorCode} (Runway task {RunwayTaskId}): {ErrorMessage}")]
    public static partial void GenerationEnded(this ILogger logger, string generationId, GenerationPhase status, string? errorCode, string? runwayTaskId, string? errorMessage);

    [LoggerMessage(EventId = 306, Level = LogLevel.Warning, Message = "Generation {GenerationId}: {Activity} failed: {Error}")]
    public static partial void StepFailed(this ILogger logger, string generationId, string activity, string error);

    // Callback delivery orchestration: 320-329.
    [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "Generation {GenerationId}: callback delivery ended {State} after {Attempts} attempts")]
    public static partial void CallbackDeliveryEnded(this ILogger logger, string generationId, CallbackDeliveryState state, int attempts);

    // Activities: 330-389.
    [LoggerMessage(EventId = 330, Level = LogLevel.Information, Message = "Generation {GenerationId}: Runway API key sha256:{Fingerprint} from {Source}")]
    public static partial void KeyAvailable(this ILogger logger, string generationId, string fingerprint, string source);

    [LoggerMessage(EventId = 331, Level = LogLevel.Error, Message = "Generation {GenerationId}: Runway API key unavailable: {Reason}")]
    public static partial void KeyUnavailable(this ILogger logger, string generationId, string reason);

    [LoggerMessage(EventId = 340, Level = LogLevel.Information, Message = "Generation {GenerationId}: submitted as Runway task {RunwayTaskId}")]
    public static partial void SubmittedAs(this ILogger logger, string generationId, string runwayTaskId);

    [LoggerMessage(EventId = 341, Level = LogLevel.Error, Message = "Generation {GenerationId}: Runway did not confirm the submission ({Kind}): {Message}")]
    public static partial void SubmissionUnconfirmed(this ILogger logger, string generationId, RunwayErrorKind kind, string message);

    [LoggerMessage(EventId = 342, Level = LogLevel.Warning, Message = "Generation {GenerationId}: Runway rejected the submission with {Code}: {Message}")]
    public static partial void SubmissionRejected(this ILogger logger, string generationId, string code, string message);

    [LoggerMessage(EventId = 343, Level = LogLevel.Warning, Message = "Generation {GenerationId}: already submitted as Runway task {RunwayTaskId}; not posting again")]
    public static partial void AlreadySubmitted(this ILogger logger, string generationId, string runwayTaskId);

    [LoggerMessage(EventId = 344, Level = LogLevel.Error, Message = "Generation {GenerationId}: an earlier submission attempt started at {StartedAt} and left no task id; not posting again")]
    public static partial void SubmissionInterrupted(this ILogger logger, string generationId, DateTimeOffset startedAt);

    [LoggerMessage(EventId = 345, Level = LogLevel.Warning, Message = "Generation {GenerationId}: could not update the submission record to {State}")]
    public static partial void SubmissionRecordFailed(this ILogger logger, Exception exception, string generationId, SubmissionState state);

    [LoggerMessage(EventId = 346, Level = LogLevel.Warning, Message = "Generation {GenerationId}: could not update the {Record}")]
    public static partial void BookkeepingFailed(this ILogger logger, Exception exception, string generationId, string record);

    [LoggerMessage(EventId = 347, Level = LogLevel.Warning, Message = "Generation {GenerationId}: not submitted ({Code}): {Message}")]
    public static partial void NotSubmitted(this ILogger logger, string generationId, string code, string message);

    [LoggerMessage(EventId = 350, Level = LogLevel.Information, Message = "Upload {Container}/{Blob}: {Length} bytes sent to Runway as an ephemeral upload (too large for a data URI)")]
    public static partial void ImageUploaded(this ILogger logger, string container, string blob, long length);

    [LoggerMessage(EventId = 355, Level = LogLevel.Warning, Message = "Runway task {RunwayTaskId}: status read failed ({Kind}); polling on")]
    public static partial void ReadFailed(this ILogger logger, string runwayTaskId, RunwayErrorKind kind);

    [LoggerMessage(EventId = 356, Level = LogLevel.Debug, Message = "Runway task {RunwayTaskId}: the poll timer fired early; holding {DelayMs} ms to keep the poll interval")]
    public static partial void HoldingFloor(this ILogger logger, string runwayTaskId, long delayMs);

    [LoggerMessage(EventId = 360, Level = LogLevel.Information, Message = "Generation {GenerationId}: copying output {Index} of {Count} from {Host} to {BlobName}")]
    public static partial void CopyingOutput(this ILogger logger, string generationId, int index, int count, string host, string blobName);

    [LoggerMessage(EventId = 365, Level = LogLevel.Information, Message = "Runway task {RunwayTaskId} cancelled")]
    public static partial void RunwayTaskCancelled(this ILogger logger, string runwayTaskId);

    [LoggerMessage(EventId = 370, Level = LogLevel.Warning, Message = "Generation {GenerationId}: no callback URL in the payload store; callback not sent")]
    public static partial void NoCallbackUrl(this ILogger logger, string generationId);

    [LoggerMessage(EventId = 371, Level = LogLevel.Information, Message = "Generation {GenerationId}: callback delivery to {Host} started")]
    public static partial void CallbackDeliveryStarted(this ILogger logger, string generationId, string host);
}
