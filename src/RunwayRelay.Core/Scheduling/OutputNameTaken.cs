namespace RunwayRelay.Scheduling;

/// <summary>Another generation or an existing blob holds the output name: nothing was done.</summary>
public sealed record OutputNameTaken(string GenerationId, string OutputBlobName) : ScheduleResult(GenerationId);
