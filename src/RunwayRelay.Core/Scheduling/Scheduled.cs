using RunwayRelay.Generations;

namespace RunwayRelay.Scheduling;

/// <summary>The generation was accepted and its orchestration scheduled.</summary>
public sealed record Scheduled(GenerationInput Input) : ScheduleResult(Input.GenerationId);
