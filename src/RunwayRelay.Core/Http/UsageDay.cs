namespace RunwayRelay.Http;

/// <summary>One UTC day of <c>GET /api/usage</c>, with its models.</summary>
public sealed record UsageDay(DateOnly Date, long RunwayCredits, long RecordedCredits, IReadOnlyList<UsageByModel> Models);
