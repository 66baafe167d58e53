using RunwayRelay.Runway;

namespace RunwayRelay.Orchestration;

/// <summary>What Runway reported, with the task's <c>createdAt</c>.</summary>
public sealed record TaskObserved(RunwayTaskStatus Status, double? Progress = null, string? Failure = null, string? FailureCode = null) : RunwayTaskSnapshot
{
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Runway's <c>cost.credits</c> of an ended task, when it reports one.</summary>
    public double? CostCredits { get; init; }
}
