using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

public sealed record RunwayUsage
{
    [JsonPropertyName("models")] public IReadOnlyDictionary<string, RunwayModelUsage> Models { get; init; } = new Dictionary<string, RunwayModelUsage>();
}
