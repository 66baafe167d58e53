using Microsoft.Extensions.Diagnostics.HealthChecks;
using RunwayRelay.Runway;

namespace RunwayRelay.Health;

/// <summary>
/// Runway answers and accepts the key: <c>GET /v1/organization</c>, which also gives the credit balance. Costs no
/// credits, but it is a request to Runway, which is why the report is cached (<see cref="HealthOptions.CacheDuration"/>).
/// </summary>
internal sealed class RunwayHealthCheck(IRunwayClient runway) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        DependencyRead.CheckAsync<RunwayOrganization, RunwayException>(
            () => runway.GetOrganizationAsync(cancellationToken),
            "Runway accepted the API key.",
            organization => new Dictionary<string, object>
            {
                ["creditBalance"] = organization.CreditBalance,
                ["maxMonthlyCreditSpend"] = organization.Tier.MaxMonthlyCreditSpend,
            },
            Failure);

    /// <summary>The kind and status say which of the client's actionable messages it is (a new key for a 401, the URL when unreachable).</summary>
    private static Dictionary<string, object> Failure(RunwayException e)
    {
        var data = new Dictionary<string, object> { ["error"] = e.Kind.ToString() };
        if (e.StatusCode is { } status)
        {
            data["status"] = (int)status;
        }
        return data;
    }
}
