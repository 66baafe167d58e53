using System.Text.Json;

namespace RunwayRelay.Common;

/// <summary>
/// The one set of JSON options for what RunwayRelay writes itself (HTTP answers, blobs it stores, callback bodies):
/// camelCase, case-insensitive reads. Durable payloads go through the durable data converter, not these.
/// </summary>
public static class RunwayRelayJson
{
    /// <summary>Shared and read-only: System.Text.Json caches its metadata per options instance.</summary>
    public static JsonSerializerOptions Web { get; } = CreateWeb();

    private static JsonSerializerOptions CreateWeb()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
