using Microsoft.Extensions.Diagnostics.HealthChecks;
using RunwayRelay.ApiKeys;

namespace RunwayRelay.Health;

/// <summary>The key can be read and is well formed: its source and fingerprint, never the key.</summary>
internal sealed class ApiKeyHealthCheck(IRunwayApiKeyProvider keys) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        DependencyRead.CheckAsync<RunwayApiKey, RunwayApiKeyException>(
            () => keys.GetAsync(cancellationToken).AsTask(),
            "The Runway API key is configured and well formed.",
            key => new Dictionary<string, object> { ["source"] = key.Source, ["fingerprint"] = "sha256:" + key.Fingerprint });
}
