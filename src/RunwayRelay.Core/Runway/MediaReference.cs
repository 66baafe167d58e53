using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

/// <summary>A reference input (<c>references</c>): an image by default; <see cref="Type"/> is sent when Runway asks for it.</summary>
public sealed record MediaReference(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("type")] string? Type = null);
