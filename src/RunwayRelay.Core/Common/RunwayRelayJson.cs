using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunwayRelay.Common;

/// <summary>
/// The JSON options for what RunwayRelay writes itself (HTTP answers, blobs it stores, callback bodies, Runway request
/// bodies): camelCase, case-insensitive reads. Durable payloads go through the durable data converter, not these.
/// </summary>
public static class RunwayRelayJson
{
    /// <summary>Shared and read-only: System.Text.Json caches its metadata per options instance.</summary>
    public static JsonSerializerOptions Web { get; } = Freeze(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>
    /// <see cref="Web"/> without null members: the bodies sent to Runway, where an optional field is left out rather
    /// than sent as null (the request records' optional properties are all nullable, so this one setting stands for an
    /// attribute on each).
    /// </summary>
    public static JsonSerializerOptions RunwayWire { get; } = Freeze(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });

    private static JsonSerializerOptions Freeze(JsonSerializerOptions options)
    {
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
