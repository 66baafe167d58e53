using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

/// <summary><c>GET /v1/organization</c>.</summary>
public sealed record RunwayOrganization
{
    [JsonPropertyName("creditBalance")] public long CreditBalance { get; init; }
    [JsonPropertyName("tier")] public RunwayTier Tier { get; init; } = new();
    [JsonPropertyName("usage")] public RunwayUsage Usage { get; init; } = new();
}
