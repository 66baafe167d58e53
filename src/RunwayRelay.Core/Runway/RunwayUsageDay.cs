using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

public sealed record RunwayUsageDay
{
    /// <summary><c>YYYY-MM-DD</c> (UTC).</summary>
    [JsonPropertyName("date")] public required string Date { get; init; }
    [JsonPropertyName("usedCredits")] public IReadOnlyList<RunwayModelCredits> UsedCredits { get; init; } = [];
}
