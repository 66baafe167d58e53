namespace RunwayRelay.Health;

/// <summary>One part of the health report: what was checked, how it went, and safe details (never a key or a secret).</summary>
public sealed record HealthPartResponse(string Name, string Status, string? Description, double DurationMs, IReadOnlyDictionary<string, object> Data);
