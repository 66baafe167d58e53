using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

/// <summary>Answer of a create call.</summary>
public sealed record RunwayTaskCreated
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("estimatedCost")] public RunwayCost? EstimatedCost { get; init; }
}
