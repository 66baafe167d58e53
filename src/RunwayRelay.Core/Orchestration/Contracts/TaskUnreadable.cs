namespace RunwayRelay.Orchestration;

/// <summary>The read failed in a way worth trying again at the next poll.</summary>
public sealed record TaskUnreadable(string Error) : RunwayTaskSnapshot;
