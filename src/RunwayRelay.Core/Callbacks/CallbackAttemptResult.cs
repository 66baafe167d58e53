namespace RunwayRelay.Callbacks;

/// <summary>
/// One delivery attempt, returned to the delivery orchestration, which picks the next timer from it. The error never
/// holds the callback URL (only its host) or anything signed.
/// </summary>
public sealed record CallbackAttemptResult(CallbackAttemptOutcome Outcome, int? StatusCode = null, TimeSpan? RetryAfter = null, string? Error = null);
