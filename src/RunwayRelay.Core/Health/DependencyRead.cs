using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RunwayRelay.Health;

/// <summary>
/// The parts that read one dependency report alike: healthy with safe details when the read succeeds, unhealthy with
/// the failure's own message when it throws <c>TFailure</c>. Only for failures whose messages are key-free and say what
/// to do (the key provider's, the Runway client's); anything else fails the part as the health check service reports it.
/// </summary>
internal static class DependencyRead
{
    public static async Task<HealthCheckResult> CheckAsync<T, TFailure>(Func<Task<T>> read, string healthy,
        Func<T, IReadOnlyDictionary<string, object>> details, Func<TFailure, IReadOnlyDictionary<string, object>>? failureDetails = null)
        where TFailure : Exception
    {
        T value;
        try
        {
            value = await read().ConfigureAwait(false);
        }
        catch (TFailure e)
        {
            return HealthCheckResult.Unhealthy(e.Message, data: failureDetails?.Invoke(e));
        }
        return HealthCheckResult.Healthy(healthy, details(value));
    }
}
