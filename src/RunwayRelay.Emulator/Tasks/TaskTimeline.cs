namespace RunwayRelay.Emulator.Tasks;

/// <summary>A task's transitions as the admin API reports them (<c>GET /_emulator/tasks</c>).</summary>
public sealed record TaskTimeline(string Id, string Model, string Status, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt);
