using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RunwayRelay.Budget;
using RunwayRelay.Common;
using RunwayRelay.Storage;

namespace RunwayRelay.Health;

/// <summary>
/// The UTC day's budget use: credits this service submitted today (the records <see cref="BudgetGuard"/> keeps) against
/// <see cref="BudgetOptions.MaxCreditsPerDay"/>. A spent budget is reported, not unhealthy: the service works and refuses
/// new generations with 429 until the day turns, which a load balancer must not take for an outage.
/// </summary>
internal sealed class DailyBudgetHealthCheck(IDailySpendStore spend, IOptionsMonitor<BudgetOptions> options, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var today = UtcDays.Of(now);
        var day = await spend.GetAsync(today, cancellationToken).ConfigureAwait(false);
        var data = new Dictionary<string, object>
        {
            ["date"] = UtcDays.ToText(today),
            ["spentCredits"] = day.TotalCredits,
            ["generations"] = day.Generations.Count,
        };
        if (options.CurrentValue.MaxCreditsPerDay is not { } limit)
        {
            return HealthCheckResult.Healthy("No daily budget is set (Budget__MaxCreditsPerDay).", data);
        }
        data["limitCredits"] = limit;
        data["leftCredits"] = Math.Max(0, limit - day.TotalCredits);
        return HealthCheckResult.Healthy(day.TotalCredits >= limit
            ? "Today's budget is spent: new generations are refused (429) until the UTC day turns."
            : "Within today's budget.", data);
    }
}
