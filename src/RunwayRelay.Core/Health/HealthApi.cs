using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RunwayRelay.Common;

namespace RunwayRelay.Health;

/// <summary>The <c>GET /api/health</c> handler both hosts call: 200 while no part is unhealthy, else 503 naming the failing parts.</summary>
public sealed class HealthApi(HealthProbe probe)
{
    internal static readonly JsonSerializerOptions Json = RunwayRelayJson.Web;

    public async Task<IResult> GetAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var snapshot = await probe.GetAsync(cancellationToken).ConfigureAwait(false);
        var body = ToResponse(snapshot);
        // Proxies must not answer a probe from their own cache: the report's own caching is the one that counts.
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(body, Json, statusCode: snapshot.Report.Status == HealthStatus.Unhealthy
            ? StatusCodes.Status503ServiceUnavailable
            : StatusCodes.Status200OK);
    }

    public static HealthResponse ToResponse(HealthSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var entries = snapshot.Report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        var parts = entries
            .Select(e => new HealthPartResponse(e.Key, Name(e.Value.Status), e.Value.Description ?? e.Value.Exception?.Message,
                Math.Round(e.Value.Duration.TotalMilliseconds, 1), e.Value.Data))
            .ToList();
        var failing = entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => e.Key).ToList();
        return new HealthResponse(Name(snapshot.Report.Status), snapshot.CheckedAt, failing, parts);
    }

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
