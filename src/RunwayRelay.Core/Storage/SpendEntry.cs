namespace RunwayRelay.Storage;

/// <summary>
/// One submission this service counted against a UTC day: its estimate (this service's table) and, once Runway answered
/// the create, Runway's own <c>estimatedCost</c>. No prompt, no URL: ids, model and numbers only.
/// </summary>
public sealed record SpendEntry(string GenerationId, string Model, long EstimatedCredits, DateTimeOffset At)
{
    public long? RunwayEstimatedCredits { get; init; }

    /// <summary>What the day counts for this entry: Runway's estimate when it gave one, else ours.</summary>
    public long Credits => RunwayEstimatedCredits ?? EstimatedCredits;
}
