using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

/// <summary><c>POST /v1/organization/usage</c>: credits per UTC day and model; refunds make an amount negative.</summary>
public sealed record RunwayCreditUsage
{
    [JsonPropertyName("results")] public IReadOnlyList<RunwayUsageDay> Results { get; init; } = [];
    [JsonPropertyName("models")] public IReadOnlyList<string> Models { get; init; } = [];
}

public sealed record RunwayUsageDay
{
    /// <summary><c>YYYY-MM-DD</c> (UTC).</summary>
    [JsonPropertyName("date")] public required string Date { get; init; }
    [JsonPropertyName("usedCredits")] public IReadOnlyList<RunwayModelCredits> UsedCredits { get; init; } = [];
}

public sealed record RunwayModelCredits
{
    [JsonPropertyName("model")] public required string Model { get; init; }
    [JsonPropertyName("amount")] public long Amount { get; init; }
}
