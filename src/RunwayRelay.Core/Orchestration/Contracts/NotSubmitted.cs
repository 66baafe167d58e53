namespace RunwayRelay.Orchestration;

/// <summary>There is no task: Runway refused, the request could not be read, or whether Runway created one is unknown (<see cref="GenerationErrorCodes.SubmissionUncertain"/>).</summary>
public sealed record NotSubmitted(string ErrorCode, string ErrorMessage) : SubmissionResult
{
    /// <summary>When a limit that refused it frees up (the daily generation limit, the daily budget).</summary>
    public DateTimeOffset? ResetsAt { get; init; }
}
