namespace RunwayRelay.Orchestration;

/// <summary>Runway created the task.</summary>
public sealed record Submitted(string RunwayTaskId) : SubmissionResult
{
    /// <summary>Runway's <c>estimatedCost</c> on the created task, when it sent one.</summary>
    public long? RunwayEstimatedCredits { get; init; }
}
