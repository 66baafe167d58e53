using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using RunwayRelay.Http.OpenApi;

namespace RunwayRelay.Health;

public static class HealthEndpointRouteBuilderExtensions
{
    public const string Route = "/api/health";

    /// <summary>The endpoint name, also the OpenAPI operation id and the Functions' function name.</summary>
    public const string Name = "GetHealth";

    /// <summary>Maps <c>GET /api/health</c> to <see cref="HealthApi"/> (registered by <c>AddRunwayRelay</c>); returns it so a host can restrict who may call it.</summary>
    public static RouteHandlerBuilder MapRunwayRelayHealth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet(Route, (HttpRequest request, [FromServices] HealthApi api, CancellationToken ct) => api.GetAsync(request, ct))
            .WithName(Name)
            .WithTags("Health")
            .WithMetadata(GenerationsApiMetadata.Instance)
            .Produces<HealthResponse>(StatusCodes.Status200OK)
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
    }
}
