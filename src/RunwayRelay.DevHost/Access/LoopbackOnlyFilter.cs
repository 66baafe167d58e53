using System.Net;

namespace RunwayRelay.DevHost.Access;

/// <summary>
/// Answers 403 problem+json to callers that are not on this machine. For routes that describe the installation (the
/// health report names the key's source, the vault and the storage account) even when remote callers are let in.
/// </summary>
public sealed class LoopbackOnlyFilter : IEndpointFilter
{
    public const string ErrorCode = "LOOPBACK_ONLY";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var remote = context.HttpContext.Connection.RemoteIpAddress;
        // No address at all is an in-process caller (a test server), which is this machine too.
        if (remote is null || IPAddress.IsLoopback(remote))
        {
            return await next(context);
        }
        return Results.Problem(
            detail: $"{context.HttpContext.Request.Path} answers only on the DevHost's own machine: call it over 127.0.0.1.",
            statusCode: StatusCodes.Status403Forbidden,
            title: "Loopback only",
            extensions: new Dictionary<string, object?> { ["errorCode"] = ErrorCode });
    }
}
