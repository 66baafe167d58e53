using System.Text.Json.Serialization;
using RunwayRelay.Generations;

namespace RunwayRelay.Orchestration;

/// <summary>Runway created the task.</summary>
public sealed record Submitted(string RunwayTaskId) : SubmissionResult
{
    /// <summary>Runway's <c>estimatedCost</c> on the created task, when it sent one.</summary>
    public long? RunwayEstimatedCredits { get; init; }

    /// <summary>What earlier generations of the same kind took, for the poll schedule; null from an earlier attempt's record and in results of earlier versions.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RunTimePrior? Prior { get; init; }
}
