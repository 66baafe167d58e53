using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using RunwayRelay.Health;

namespace RunwayRelay.Functions;

/// <summary><c>GET /api/health</c> with a function key: the same cached report the DevHost answers (<see cref="HealthApi"/>).</summary>
public sealed class HealthHttpFunctions(HealthApi api)
{
    public const string Health = HealthEndpointRouteBuilderExtensions.Name;

    [Function(Health)]
    public Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "health")] HttpRequest request)
        => api.GetAsync(request, request.HttpContext.RequestAborted);
}
