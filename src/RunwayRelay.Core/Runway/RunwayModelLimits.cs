using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

public sealed record RunwayModelLimits
{
    [JsonPropertyName("maxConcurrentGenerations")] public int MaxConcurrentGenerations { get; init; }
    [JsonPropertyName("maxDailyGenerations")] public int MaxDailyGenerations { get; init; }
}
