using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RunwayRelay.DevHost.Durable;

/// <summary>Healthy once the durable backend is up, so scripts know when a generation can be started.</summary>
public sealed class DurableSidecarHealthCheck(DurableSidecar sidecar) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(sidecar.IsRunning ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("durable backend not started"));
}
