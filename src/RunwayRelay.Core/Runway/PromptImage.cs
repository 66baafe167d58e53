using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

/// <summary>One prompt image; <see cref="Position"/> is <c>first</c>, <c>last</c> or null (a bare image or a reference).</summary>
public sealed record PromptImage(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("position")] string? Position = null);
