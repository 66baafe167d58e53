namespace RunwayRelay.Budget;

/// <summary>What <see cref="BudgetGuard"/> decided about one generation; <see cref="EstimatedCredits"/> is null for a model without a rate.</summary>
public abstract record BudgetVerdict(long? EstimatedCredits);
