using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

/// <summary>An aleph2 keyframe: an image pinned at <see cref="Seconds"/> into the input video or at a fraction <see cref="At"/> (0..1) of it.</summary>
public sealed record VideoKeyframe
{
    [JsonPropertyName("uri")] public required string Uri { get; init; }

    [JsonPropertyName("seconds")] public double? Seconds { get; init; }

    [JsonPropertyName("at")] public double? At { get; init; }

    [JsonPropertyName("range")] public KeyframeRange? Range { get; init; }
}
