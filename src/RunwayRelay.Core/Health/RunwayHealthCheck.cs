using Microsoft.Extensions.Diagnostics.HealthChecks;
using RunwayRelay.Runway;

namespace RunwayRelay.Health;

/// <summary>
/// Runway answers and accepts the key: <c>GET /v1/organization</c>, which also gives the credit balance. Costs no
/// credits, but it is a request to Runway, which is why the report is cached (<see cref="HealthOptions.CacheDuration"/>).
/// </summary>
internal sealed class RunwayHealthCheck(RunwayClient runway) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var organization = await runway.GetOrganizationAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("Runway accepted the API key.", new Dictionary<string, object>
            {
                ["creditBalance"] = organization.CreditBalance,
                ["maxMonthlyCreditSpend"] = organization.Tier.MaxMonthlyCreditSpend,
            });
        }
        catch (RunwayException e)
        {
            // RunwayClient's messages never hold the key and say what to do (a new key for a 401, the URL when unreachable).
            var data = new Dictionary<string, object> { ["error"] = e.Kind.ToString() };
            if (e.StatusCode is { } status)
            {
                data["status"] = (int)status;
            }
            return HealthCheckResult.Unhealthy(e.Message, data: data);
        }
    }
}
