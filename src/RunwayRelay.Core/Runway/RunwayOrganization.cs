using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

/// <summary><c>GET /v1/organization</c>.</summary>
public sealed record RunwayOrganization
{
    [JsonPropertyName("creditBalance")] public long CreditBalance { get; init; }
    [JsonPropertyName("tier")] public RunwayTier Tier { get; init; } = new();
    [JsonPropertyName("usage")] public RunwayUsage Usage { get; init; } = new();
}

public sealed record RunwayTier
{
    [JsonPropertyName("maxMonthlyCreditSpend")] public long MaxMonthlyCreditSpend { get; init; }
    [JsonPropertyName("models")] public IReadOnlyDictionary<string, RunwayModelLimits> Models { get; init; } = new Dictionary<string, RunwayModelLimits>();
}

public sealed record RunwayModelLimits
{
    [JsonPropertyName("maxConcurrentGenerations")] public int MaxConcurrentGenerations { get; init; }
    [JsonPropertyName("maxDailyGenerations")] public int MaxDailyGenerations { get; init; }
}

public sealed record RunwayUsage
{
    [JsonPropertyName("models")] public IReadOnlyDictionary<string, RunwayModelUsage> Models { get; init; } = new Dictionary<string, RunwayModelUsage>();
}

public sealed record RunwayModelUsage
{
    [JsonPropertyName("dailyGenerations")] public int DailyGenerations { get; init; }
}
