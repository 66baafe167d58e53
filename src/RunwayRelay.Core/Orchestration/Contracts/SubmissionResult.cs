using System.Text.Json.Serialization;

namespace RunwayRelay.Orchestration;

/// <summary>Result of <see cref="SubmitGenerationActivity"/>.</summary>
[JsonConverter(typeof(SubmissionResultJsonConverter))]
public abstract record SubmissionResult;

/// <summary>Runway created the task.</summary>
public sealed record Submitted(string RunwayTaskId) : SubmissionResult
{
    /// <summary>Runway's <c>estimatedCost</c> on the created task, when it sent one.</summary>
    public long? RunwayEstimatedCredits { get; init; }
}

/// <summary>There is no task: Runway refused, the request could not be read, or whether Runway created one is unknown (<see cref="GenerationErrorCodes.SubmissionUncertain"/>).</summary>
public sealed record NotSubmitted(string ErrorCode, string ErrorMessage) : SubmissionResult
{
    /// <summary>When a limit that refused it frees up (the daily generation limit, the daily budget).</summary>
    public DateTimeOffset? ResetsAt { get; init; }
}
