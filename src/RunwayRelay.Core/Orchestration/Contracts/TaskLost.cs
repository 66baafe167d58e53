namespace RunwayRelay.Orchestration;

/// <summary>The task can never be read again (gone, or the key refused): the generation ends.</summary>
public sealed record TaskLost(string ErrorCode, string ErrorMessage) : RunwayTaskSnapshot;
