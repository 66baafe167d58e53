using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

public sealed record RunwayModelCredits
{
    [JsonPropertyName("model")] public required string Model { get; init; }
    [JsonPropertyName("amount")] public long Amount { get; init; }
}
