namespace RunwayRelay.Scheduling;

/// <summary>The same request was already scheduled under this id (a repeat): nothing was done.</summary>
public sealed record AlreadyScheduled(string GenerationId) : ScheduleResult(GenerationId);
