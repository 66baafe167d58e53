namespace RunwayRelay.Health;

/// <summary>The body of <c>GET /api/health</c> (200 and 503 alike).</summary>
/// <param name="Status"><c>healthy</c>, <c>degraded</c> or <c>unhealthy</c>.</param>
/// <param name="CheckedAt">When the checks ran; an answer from the cache repeats the time of the run it comes from.</param>
/// <param name="Failing">The names of the unhealthy parts; empty on 200.</param>
/// <param name="Parts">Every part, in name order.</param>
public sealed record HealthResponse(string Status, DateTimeOffset CheckedAt, IReadOnlyList<string> Failing, IReadOnlyList<HealthPartResponse> Parts);
