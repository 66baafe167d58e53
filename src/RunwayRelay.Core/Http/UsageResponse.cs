namespace RunwayRelay.Http;

/// <summary>Body of <c>200 OK</c> from <c>GET /api/usage</c>: the days from <see cref="From"/> to <see cref="To"/> (UTC, inclusive) that saw any credits.</summary>
public sealed record UsageResponse(DateOnly From, DateOnly To, long RunwayCredits, long RecordedCredits, IReadOnlyList<UsageDay> Days);
