using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

/// <summary>Runway's <c>contentModeration</c>: how strictly public figures are refused (<c>auto</c> or <c>low</c>).</summary>
public sealed record ContentModeration(
    [property: JsonPropertyName("publicFigureThreshold")] string PublicFigureThreshold);
