namespace RunwayRelay.Scheduling;

/// <summary>What became of a request to schedule a generation.</summary>
public abstract record ScheduleResult(string GenerationId);
