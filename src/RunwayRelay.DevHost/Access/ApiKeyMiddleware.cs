using Microsoft.Extensions.Options;
using RunwayRelay.Http;

namespace RunwayRelay.DevHost.Access;

/// <summary>
/// While remote callers are allowed, answers 401 problem+json to any request without the DevHost key. Neither the key nor
/// the request's query string is logged.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<DevHostOptions> options, ILogger<ApiKeyMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = options.Value;
        if (!settings.AllowRemote || settings.ApiKey is not { } expected)
        {
            await next(context);
            return;
        }
        string? presented = context.Request.Headers[FunctionKeys.HeaderName].FirstOrDefault()
            ?? context.Request.Query[FunctionKeys.QueryName].FirstOrDefault();
        if (DevHostApiKey.Matches(presented, expected))
        {
            await next(context);
            return;
        }
        logger.Refused(context.Request.Method, context.Request.Path, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        await Results.Problem(
            detail: $"Send the DevHost API key (DevHost__ApiKey) in the {FunctionKeys.HeaderName} header or the ?{FunctionKeys.QueryName}= query parameter.",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Missing or wrong API key",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [FunctionKeys.HeaderName] = ["missing or wrong"] } })
            .ExecuteAsync(context);
    }
}
