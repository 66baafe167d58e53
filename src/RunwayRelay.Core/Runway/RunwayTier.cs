using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

public sealed record RunwayTier
{
    [JsonPropertyName("maxMonthlyCreditSpend")] public long MaxMonthlyCreditSpend { get; init; }
    [JsonPropertyName("models")] public IReadOnlyDictionary<string, RunwayModelLimits> Models { get; init; } = new Dictionary<string, RunwayModelLimits>();
}
