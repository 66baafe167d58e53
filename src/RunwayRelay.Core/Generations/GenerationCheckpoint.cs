namespace RunwayRelay.Generations;

/// <summary>State carried across <c>ContinueAsNew</c>: the submitted task and how far polling got.</summary>
public sealed record GenerationCheckpoint(
    string RunwayTaskId,
    int PollCount,
    string? LastRunwayStatus,
    double? LastProgress);
