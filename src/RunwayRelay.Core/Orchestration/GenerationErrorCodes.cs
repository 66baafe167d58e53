using RunwayRelay.Runway;

namespace RunwayRelay.Orchestration;

/// <summary>
/// The values of the error codes RunwayRelay sets (Runway's own failure codes pass through), as constants: attribute
/// arguments and the durable records' string fields take them. Code that reasons about a code uses <see cref="GenerationErrorCode"/>.
/// </summary>
public static class GenerationErrorCodes
{
    public const string ApiKeyUnavailable = "API_KEY_UNAVAILABLE";
    public const string SubmissionUncertain = "SUBMISSION_UNCERTAIN";
    public const string SubmissionError = "SUBMISSION_ERROR";
    public const string PayloadMissing = "PAYLOAD_MISSING";
    public const string UploadGone = "UPLOAD_GONE";
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

    /// <summary>The estimate is over <c>Budget__MaxCreditsPerGeneration</c>; nothing was submitted.</summary>
    public const string BudgetPerGenerationExceeded = "BUDGET_PER_GENERATION_EXCEEDED";

    /// <summary>Today's (UTC) <c>Budget__MaxCreditsPerDay</c> has no room for the estimate; nothing was submitted.</summary>
    public const string BudgetPerDayExceeded = "BUDGET_PER_DAY_EXCEEDED";

    /// <summary>Runway refused the create: the organization reached the model's daily generation limit of its tier. Not retried.</summary>
    public const string DailyLimitReached = "DAILY_LIMIT_REACHED";

    /// <summary>Set by the HTTP API, never stored: the orchestration stopped on an unexpected error.</summary>
    public const string OrchestrationFailed = "ORCHESTRATION_FAILED";

    /// <summary>Set by the HTTP API, never stored: an operator terminated the orchestration.</summary>
    public const string Terminated = "TERMINATED";

    /// <summary>Set by the HTTP API, never stored: the orchestration completed without an outcome.</summary>
    public const string NoOutcome = "NO_OUTCOME";

    internal static string ForCreate(RunwayErrorKind kind) => kind switch
    {
        RunwayErrorKind.InvalidRequest => InvalidRequest,
        RunwayErrorKind.Unauthorized => Unauthorized,
        RunwayErrorKind.InsufficientCredits => InsufficientCredits,
        RunwayErrorKind.RateLimited => RateLimited,
        RunwayErrorKind.DailyLimitReached => DailyLimitReached,
        _ => RunwayError,
    };
}
