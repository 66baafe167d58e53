using RunwayRelay.Emulator.Admin;
using RunwayRelay.Emulator.Faults;
using RunwayRelay.Emulator.Tasks;

namespace RunwayRelay.Emulator.Http;

/// <summary>Wires the filter chain (journal → faults → key and version checks) onto each route.</summary>
internal sealed class EmulatorRoutes(IServiceProvider services, string prefix)
{
    public void Configure(RouteHandlerBuilder route, RouteKind kind, bool authenticated)
    {
        var options = services.GetRequiredService<EmulatorOptions>();
        route.AddEndpointFilter(new JournalFilter(kind, services.GetRequiredService<RequestJournal>(), services.GetRequiredService<TimeProvider>()));
        route.AddEndpointFilter(new FaultFilter(kind, options, services.GetRequiredService<EmulatorRandom>()));
        if (authenticated)
        {
            route.AddEndpointFilter(new ApiKeyFilter(options));
        }
    }

    /// <summary>Where output files are served, as seen by the caller (or <see cref="EmulatorOptions.PublicBaseUrl"/>).</summary>
    public string OutputBaseUrl(HttpContext http) => PublicRoot(http) + OutputEndpoints.Prefix;

    /// <summary>The emulator's root as seen by the caller (or <see cref="EmulatorOptions.PublicBaseUrl"/>), without a trailing slash.</summary>
    public string PublicRoot(HttpContext http)
    {
        var configured = services.GetRequiredService<EmulatorOptions>().PublicBaseUrl;
        return string.IsNullOrEmpty(configured)
            ? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{prefix}"
            : configured.TrimEnd('/');
    }
}
