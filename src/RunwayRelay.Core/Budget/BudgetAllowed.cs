namespace RunwayRelay.Budget;

/// <summary>Within every limit (or no limit applies). <see cref="ReservedAt"/> is set when the day's record holds the generation.</summary>
public sealed record BudgetAllowed(long? EstimatedCredits) : BudgetVerdict(EstimatedCredits)
{
    public DateTimeOffset? ReservedAt { get; init; }
}
