using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using RunwayRelay.Http;

namespace RunwayRelay.Functions;

/// <summary><c>GET /api/usage</c> on Functions: a thin trigger over <see cref="UsageApi"/>, the handler the DevHost maps.</summary>
public sealed class UsageHttpFunctions(UsageApi api)
{
    public const string Usage = GenerationsEndpointRouteBuilderExtensions.UsageName;

    [Function(Usage)]
    public Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "usage")] HttpRequest request)
        => api.GetAsync(request, request.HttpContext.RequestAborted);
}
