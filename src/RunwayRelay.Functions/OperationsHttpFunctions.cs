using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using RunwayRelay.Health;
using RunwayRelay.Http;

namespace RunwayRelay.Functions;

/// <summary>
/// What operators read, with a function key: <c>GET /api/health</c> (the same cached report the DevHost answers,
/// <see cref="HealthApi"/>) and <c>GET /api/usage</c> (<see cref="UsageApi"/>, the handler the DevHost maps).
/// </summary>
public sealed class OperationsHttpFunctions(HealthApi health, UsageApi usage)
{
    public const string Health = HealthEndpointRouteBuilderExtensions.Name;
    public const string Usage = GenerationsEndpointRouteBuilderExtensions.UsageName;

    [Function(Health)]
    public Task<IResult> GetHealthAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "health")] HttpRequest request)
        => health.GetAsync(request, request.HttpContext.RequestAborted);

    [Function(Usage)]
    public Task<IResult> GetUsageAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "usage")] HttpRequest request)
        => usage.GetAsync(request, request.HttpContext.RequestAborted);
}
