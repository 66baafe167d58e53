using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

/// <summary>A text_to_image reference; <see cref="Tag"/> names it for the prompt (<c>@tag</c>).</summary>
public sealed record ReferenceImage(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("tag")] string? Tag = null);
