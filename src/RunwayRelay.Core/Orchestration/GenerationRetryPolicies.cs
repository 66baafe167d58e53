using Microsoft.DurableTask;

namespace RunwayRelay.Orchestration;

/// <summary>
/// How often each activity is tried. Submission has none on purpose: a second POST is a second paid generation, so
/// the activity guards re-execution itself (the submission ledger).
/// </summary>
internal static class GenerationRetryPolicies
{
    public static readonly TaskOptions EnsureApiKey = Retry(3, TimeSpan.FromSeconds(1));

    public static readonly TaskOptions ReadTask = Retry(2, TimeSpan.FromSeconds(1));

    /// <summary>Copying is idempotent (the store skips outputs already stored), so it may be retried.</summary>
    public static readonly TaskOptions Copy = Retry(4, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));

    public static readonly TaskOptions Cancel = Retry(3, TimeSpan.FromSeconds(1));

    /// <summary>Starting a delivery is safe to repeat (an existing one is left alone); the delivery retries on its own schedule.</summary>
    public static readonly TaskOptions StartCallbackDelivery = Retry(4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));

    /// <summary>Releasing is idempotent; what it cannot delete the payload container's lifecycle rule does.</summary>
    public static readonly TaskOptions Release = Retry(3, TimeSpan.FromSeconds(1));

    private static TaskOptions Retry(int attempts, TimeSpan first, TimeSpan? max = null) =>
        TaskOptions.FromRetryPolicy(new RetryPolicy(attempts, first, backoffCoefficient: 2, maxRetryInterval: max));
}
