using RunwayRelay.Generations;
using RunwayRelay.Runway;

namespace RunwayRelay.Orchestration;

/// <summary>Names of the orchestrator and its activities (their class names), for hosts that wrap them (Functions).</summary>
public static class GenerationTasks
{
    public const string Orchestrator = nameof(GenerateVideoOrchestrator);
    public const string EnsureApiKey = nameof(EnsureApiKeyActivity);
    public const string SubmitGeneration = nameof(SubmitGenerationActivity);
    public const string ReadRunwayTask = nameof(ReadRunwayTaskActivity);
    public const string CopyOutputs = nameof(CopyOutputsActivity);
    public const string CancelRunwayTask = nameof(CancelRunwayTaskActivity);
    public const string SendCallback = nameof(SendCallbackActivity);
}

/// <summary>Error codes of <see cref="GenerationOutcome.ErrorCode"/> set by RunwayRelay (Runway's own failure codes pass through).</summary>
public static class GenerationErrorCodes
{
    public const string ApiKeyUnavailable = "API_KEY_UNAVAILABLE";
    public const string SubmissionUncertain = "SUBMISSION_UNCERTAIN";
    public const string SubmissionError = "SUBMISSION_ERROR";
    public const string InvalidRequest = "RUNWAY_INVALID_REQUEST";
    public const string Unauthorized = "RUNWAY_UNAUTHORIZED";
    public const string InsufficientCredits = "RUNWAY_INSUFFICIENT_CREDITS";
    public const string RateLimited = "RUNWAY_RATE_LIMITED";
    public const string RunwayError = "RUNWAY_ERROR";
    public const string RunwayTaskFailed = "RUNWAY_TASK_FAILED";
    public const string RunwayTaskCancelled = "RUNWAY_TASK_CANCELLED";
    public const string RunwayTaskNotFound = "RUNWAY_TASK_NOT_FOUND";
    public const string CopyFailed = "COPY_FAILED";
    public const string TimedOut = "TIMED_OUT";
    public const string Cancelled = "CANCELLED";

    internal static string ForCreate(RunwayErrorKind kind) => kind switch
    {
        RunwayErrorKind.InvalidRequest => InvalidRequest,
        RunwayErrorKind.Unauthorized => Unauthorized,
        RunwayErrorKind.InsufficientCredits => InsufficientCredits,
        RunwayErrorKind.RateLimited => RateLimited,
        _ => RunwayError,
    };
}

/// <summary>Non-secret facts about the API key: never the key itself.</summary>
public sealed record ApiKeyCheck(bool Available, string? Fingerprint, string? Source, string? Error);

public sealed record SubmitGenerationInput(string GenerationId, RunwayGenerationRequest Request);

/// <summary>Either the Runway task id, or why there is none.</summary>
public sealed record SubmissionResult(string? RunwayTaskId, string? ErrorCode = null, string? ErrorMessage = null);

/// <summary>A task's state without its output URLs (they are signed and must not enter history).</summary>
public sealed record RunwayTaskSnapshot(
    string? Status,
    double? Progress = null,
    string? Failure = null,
    string? FailureCode = null,
    string? TransientError = null,
    string? FatalErrorCode = null,
    string? FatalErrorMessage = null);

public sealed record CopyOutputsInput(string GenerationId, string RunwayTaskId, string Model, string PromptSha256, string OutputBlobName);

/// <summary>The JSON body of a completion callback.</summary>
public sealed record CompletionNotice(
    string GenerationId,
    string Status,
    string? RunwayTaskId,
    IReadOnlyList<StoredVideo> Videos,
    string? ErrorCode,
    string? ErrorMessage,
    DateTimeOffset CompletedAt);

public sealed record SendCallbackInput(Uri CallbackUrl, CompletionNotice Notice);

public sealed record CallbackResult(bool Delivered, int? StatusCode, string? Error);
