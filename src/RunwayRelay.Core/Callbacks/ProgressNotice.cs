using RunwayRelay.Generations;

namespace RunwayRelay.Callbacks;

/// <summary>The <c>data</c> of <c>generation.running</c> and <c>generation.progress</c> events.</summary>
public sealed record ProgressNotice(string GenerationId, GenerationPhase Status, string? RunwayTaskId, double? Progress);
