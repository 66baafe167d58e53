using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

public sealed record ContentModeration(
    [property: JsonPropertyName("publicFigureThreshold")] string PublicFigureThreshold);
