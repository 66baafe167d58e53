namespace RunwayRelay.Generations;

/// <summary>
/// Output of the orchestration. Failures end the orchestration normally with <see cref="Status"/> Failed, Cancelled or
/// TimedOut and Runway's code and message, so the status endpoint can answer problem+json without parsing exceptions.
/// </summary>
public sealed record GenerationOutcome(
    GenerationPhase Status,
    string? RunwayTaskId,
    IReadOnlyList<StoredVideo> Videos,
    string? ErrorCode = null,
    string? ErrorMessage = null)
{
    /// <summary>The credits this service estimated at the door.</summary>
    public long? EstimatedCredits { get; init; }

    /// <summary>The credits Runway reports as spent on the task (its <c>cost</c>; 0 for a refunded failure); null when it did not say.</summary>
    public long? CreditsSpent { get; init; }

    /// <summary>When the limit that refused the generation frees up (<c>DAILY_LIMIT_REACHED</c>, <c>BUDGET_PER_DAY_EXCEEDED</c>).</summary>
    public DateTimeOffset? ResetsAt { get; init; }
}
