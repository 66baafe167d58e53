using RunwayRelay.Runway;

namespace RunwayRelay.Generations;

/// <summary>
/// Custom status of a running generation. Once the generation has ended, <see cref="Outcome"/> holds what the
/// orchestration will return, so the status endpoint answers with it while a completion callback is still being
/// delivered.
/// </summary>
public sealed record GenerationProgress(
    GenerationPhase Phase,
    string? RunwayTaskId,
    RunwayTaskStatus? RunwayStatus,
    double? Progress,
    DateTimeOffset UpdatedAt,
    GenerationOutcome? Outcome = null);
