using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

public sealed record ReferenceImage(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("tag"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Tag = null);
