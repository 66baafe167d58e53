using System.Text.RegularExpressions;
using RunwayRelay.Emulator.Admin;

namespace RunwayRelay.Emulator.Http;

/// <summary>Checks <c>Authorization: Bearer key_&lt;128 hex&gt;</c> and <c>X-Runway-Version</c> before any handler runs.</summary>
internal sealed partial class ApiKeyFilter(EmulatorOptions options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var authorization = http.Request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return RunwayResults.Error(StatusCodes.Status401Unauthorized,
                "No API key provided. Send your key in the Authorization header as 'Bearer <key>'.");
        }
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return RunwayResults.Error(StatusCodes.Status401Unauthorized,
                "The Authorization header must use the Bearer scheme: 'Authorization: Bearer <key>'.");
        }

        var key = authorization["Bearer ".Length..].Trim();
        var fingerprint = RequestJournal.Fingerprint(key);
        http.SetKeyFingerprint(fingerprint);
        if (!KeyPattern().IsMatch(key))
        {
            return RunwayResults.Error(StatusCodes.Status401Unauthorized, "Invalid API key.");
        }
        if (options.DisabledKeys.Any(d => d == key || string.Equals(d, fingerprint, StringComparison.OrdinalIgnoreCase)))
        {
            return RunwayResults.Error(StatusCodes.Status401Unauthorized, "This API key has been disabled.");
        }

        var version = http.Request.Headers["X-Runway-Version"].ToString();
        if (string.IsNullOrEmpty(version))
        {
            return RunwayResults.Error(StatusCodes.Status400BadRequest,
                $"Missing the X-Runway-Version header. Set it to {options.ApiVersion}.");
        }
        if (!string.Equals(version, options.ApiVersion, StringComparison.Ordinal))
        {
            return RunwayResults.Error(StatusCodes.Status400BadRequest,
                $"Unsupported X-Runway-Version '{version}'. The supported version is {options.ApiVersion}.");
        }
        return await next(context);
    }

    [GeneratedRegex("^key_[0-9a-f]{128}$")]
    private static partial Regex KeyPattern();
}
