using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RunwayRelay.Health;

/// <summary>One run of the health checks and when it started.</summary>
public sealed record HealthSnapshot(HealthReport Report, DateTimeOffset CheckedAt);
