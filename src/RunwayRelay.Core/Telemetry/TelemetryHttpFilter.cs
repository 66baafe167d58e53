using System.Diagnostics;

namespace RunwayRelay.Telemetry;

/// <summary>
/// What outgoing HTTP spans may show. The instrumentation already redacts query values; this also drops the query
/// and fragment from <c>url.full</c> (a signed output URL or a SAS then shows only its path), and leaves out requests
/// marked <see cref="Untraced"/> (completion callbacks, whose whole URL can be the caller's secret).
/// </summary>
public static class TelemetryHttpFilter
{
    /// <summary>Set to true on a request whose URL must not appear in any span.</summary>
    public static readonly HttpRequestOptionsKey<bool> Untraced = new("RunwayRelay.Untraced");

    public static bool IsUntraced(HttpRequestMessage request) =>
        request is not null && request.Options.TryGetValue(Untraced, out bool untraced) && untraced;

    internal static void Scrub(Activity span, HttpRequestMessage request)
    {
        if (request.RequestUri is { IsAbsoluteUri: true } uri)
        {
            span.SetTag("url.full", uri.GetLeftPart(UriPartial.Path));
        }
        span.SetTag("url.query", null);
    }
}
