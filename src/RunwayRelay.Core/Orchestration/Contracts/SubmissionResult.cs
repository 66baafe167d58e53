using System.Text.Json.Serialization;

namespace RunwayRelay.Orchestration;

/// <summary>Result of <see cref="SubmitGenerationActivity"/>.</summary>
[JsonConverter(typeof(SubmissionResultJsonConverter))]
public abstract record SubmissionResult;

/// <summary>Runway created the task.</summary>
public sealed record Submitted(string RunwayTaskId) : SubmissionResult;

/// <summary>There is no task: Runway refused, the request could not be read, or whether Runway created one is unknown (<see cref="GenerationErrorCodes.SubmissionUncertain"/>).</summary>
public sealed record NotSubmitted(string ErrorCode, string ErrorMessage) : SubmissionResult;
