namespace RunwayRelay.Generations;

/// <summary>
/// Output of the orchestration. Failures end the orchestration normally with <see cref="Status"/> Failed, Cancelled or
/// TimedOut and Runway's code and message, so the status endpoint can answer problem+json without parsing exceptions.
/// </summary>
public sealed record GenerationOutcome(
    string Status,
    string? RunwayTaskId,
    IReadOnlyList<StoredVideo> Videos,
    string? ErrorCode = null,
    string? ErrorMessage = null);
