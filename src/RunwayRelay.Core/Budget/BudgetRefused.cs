namespace RunwayRelay.Budget;

/// <summary>
/// Over a limit: <see cref="ErrorCode"/> names which, <see cref="LimitCredits"/> is the limit (the balance for
/// <c>RUNWAY_INSUFFICIENT_CREDITS</c>) and <see cref="LeftCredits"/> what is left of it; <see cref="RetryAt"/> is when
/// a daily budget turns (the next UTC midnight). Nothing was submitted.
/// </summary>
public sealed record BudgetRefused(string ErrorCode, long? EstimatedCredits, long LimitCredits, long LeftCredits, string Message, DateTimeOffset? RetryAt = null)
    : BudgetVerdict(EstimatedCredits);
