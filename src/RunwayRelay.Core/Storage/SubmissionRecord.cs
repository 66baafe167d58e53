namespace RunwayRelay.Storage;

/// <summary>
/// What is known about one generation's submission to Runway. <see cref="ClaimToken"/> is new per claim attempt, so the
/// claimant can tell its own "submitting" record from another's; records written before it existed read with null.
/// </summary>
public sealed record SubmissionRecord(
    string GenerationId,
    SubmissionState State,
    DateTimeOffset UpdatedAt,
    string? RunwayTaskId = null,
    string? ErrorCode = null,
    string? ErrorMessage = null,
    string? ClaimToken = null)
{
    /// <summary>Runway's <c>estimatedCost</c> on the created task, so a re-run answers exactly what the first run did.</summary>
    public long? RunwayEstimatedCredits { get; init; }
}
