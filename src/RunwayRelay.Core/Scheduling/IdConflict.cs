namespace RunwayRelay.Scheduling;

/// <summary>A different request already holds this id (an <c>Idempotency-Key</c> reused with another body): nothing was done.</summary>
public sealed record IdConflict(string GenerationId) : ScheduleResult(GenerationId);
