namespace RunwayRelay.Budget;

/// <summary>What <see cref="BudgetGuard"/> decided about one generation; <see cref="EstimatedCredits"/> is null for a model without a rate.</summary>
public abstract record BudgetVerdict(long? EstimatedCredits);

/// <summary>Within every limit (or no limit applies). <see cref="ReservedAt"/> is set when the day's record holds the generation.</summary>
public sealed record BudgetAllowed(long? EstimatedCredits) : BudgetVerdict(EstimatedCredits)
{
    public DateTimeOffset? ReservedAt { get; init; }
}

/// <summary>
/// Over a limit: <see cref="ErrorCode"/> names which, <see cref="LimitCredits"/> is the limit (the balance for
/// <c>RUNWAY_INSUFFICIENT_CREDITS</c>) and <see cref="LeftCredits"/> what is left of it; <see cref="RetryAt"/> is when
/// a daily budget turns (the next UTC midnight). Nothing was submitted.
/// </summary>
public sealed record BudgetRefused(string ErrorCode, long? EstimatedCredits, long LimitCredits, long LeftCredits, string Message, DateTimeOffset? RetryAt = null)
    : BudgetVerdict(EstimatedCredits);
