using RunwayRelay.Generations;

namespace RunwayRelay.Scheduling;

/// <summary>What became of a request to schedule a generation.</summary>
public abstract record ScheduleResult(string GenerationId);

/// <summary>The generation was accepted and its orchestration scheduled.</summary>
public sealed record Scheduled(GenerationInput Input) : ScheduleResult(Input.GenerationId);

/// <summary>The same request was already scheduled under this id (a repeat): nothing was done.</summary>
public sealed record AlreadyScheduled(string GenerationId) : ScheduleResult(GenerationId);

/// <summary>A different request already holds this id (an <c>Idempotency-Key</c> reused with another body): nothing was done.</summary>
public sealed record IdConflict(string GenerationId) : ScheduleResult(GenerationId);

/// <summary>Another generation or an existing blob holds the output name: nothing was done.</summary>
public sealed record OutputNameTaken(string GenerationId, string OutputBlobName) : ScheduleResult(GenerationId);
