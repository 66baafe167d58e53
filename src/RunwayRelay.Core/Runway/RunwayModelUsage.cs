using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

public sealed record RunwayModelUsage
{
    [JsonPropertyName("dailyGenerations")] public int DailyGenerations { get; init; }
}
