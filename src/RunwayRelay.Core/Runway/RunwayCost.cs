using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

public sealed record RunwayCost([property: JsonPropertyName("credits")] double Credits);
