namespace RunwayRelay.Storage;

/// <summary>The submissions this service counted on one UTC day.</summary>
public sealed record DailySpend(DateOnly Date, IReadOnlyList<SpendEntry> Generations)
{
    public long TotalCredits => Generations.Sum(g => g.Credits);
}
