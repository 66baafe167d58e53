using Microsoft.Extensions.Diagnostics.HealthChecks;
using RunwayRelay.ApiKeys;

namespace RunwayRelay.Health;

/// <summary>The key can be read and is well formed: its source and fingerprint, never the key.</summary>
internal sealed class ApiKeyHealthCheck(IRunwayApiKeyProvider keys) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var key = await keys.GetAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("The Runway API key is configured and well formed.", new Dictionary<string, object>
            {
                ["source"] = key.Source,
                ["fingerprint"] = "sha256:" + key.Fingerprint,
            });
        }
        catch (RunwayApiKeyException e)
        {
            // The provider's messages are key-free and say what to do.
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}
