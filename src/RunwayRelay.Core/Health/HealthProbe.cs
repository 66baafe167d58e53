using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace RunwayRelay.Health;

/// <summary>
/// Runs the <see cref="HealthParts.Tag"/> checks and keeps the report for <see cref="HealthOptions.CacheDuration"/>.
/// Concurrent probes share one run, so a burst of load-balancer probes costs one Runway request, not one each.
/// </summary>
public sealed class HealthProbe(HealthCheckService checks, IOptionsMonitor<HealthOptions> options, TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile HealthSnapshot? _last;

    public async Task<HealthSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        if (Fresh(_last) is { } hit)
        {
            return hit;
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh(_last) is { } shared)
            {
                return shared;
            }
            var checkedAt = time.GetUtcNow();
            var report = await checks.CheckHealthAsync(r => r.Tags.Contains(HealthParts.Tag), cancellationToken).ConfigureAwait(false);
            var snapshot = new HealthSnapshot(report, checkedAt);
            _last = snapshot;
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    private HealthSnapshot? Fresh(HealthSnapshot? snapshot) =>
        snapshot is not null && time.GetUtcNow() - snapshot.CheckedAt < options.CurrentValue.CacheDuration ? snapshot : null;
}
