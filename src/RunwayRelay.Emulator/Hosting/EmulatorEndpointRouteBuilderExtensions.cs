using RunwayRelay.Emulator.Admin;
using RunwayRelay.Emulator.Hosting;
using RunwayRelay.Emulator.Http;
using RunwayRelay.Emulator.Tasks;

namespace RunwayRelay.Emulator;

public static class EmulatorEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps Runway's API (<c>{prefix}/v1/...</c>), the signed output files and the admin endpoints
    /// (<c>{prefix}/_emulator/...</c>) unless <paramref name="includeAdmin"/> is false (a host reachable from other
    /// machines: they take no key). With a prefix, point clients at <c>http://host{prefix}</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapRunwayEmulator(this IEndpointRouteBuilder endpoints, string prefix = "", bool includeAdmin = true)
    {
        if (endpoints.ServiceProvider.GetService<TaskStore>() is null)
        {
            throw new InvalidOperationException("Call services.AddRunwayEmulator() before app.MapRunwayEmulator().");
        }
        prefix = prefix.TrimEnd('/');
        var root = endpoints.MapGroup(prefix);
        var routes = new EmulatorRoutes(endpoints.ServiceProvider, prefix);
        RunwayApiEndpoints.Map(root, routes);
        OutputEndpoints.Map(root, routes);
        UploadEndpoints.Map(root, routes);
        if (includeAdmin)
        {
            AdminEndpoints.Map(root);
        }
        return endpoints;
    }
}
