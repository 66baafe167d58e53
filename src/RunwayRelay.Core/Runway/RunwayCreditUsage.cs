using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

/// <summary><c>POST /v1/organization/usage</c>: credits per UTC day and model; refunds make an amount negative.</summary>
public sealed record RunwayCreditUsage
{
    [JsonPropertyName("results")] public IReadOnlyList<RunwayUsageDay> Results { get; init; } = [];
    [JsonPropertyName("models")] public IReadOnlyList<string> Models { get; init; } = [];
}
