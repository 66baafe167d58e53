namespace RunwayRelay.Callbacks;

/// <summary>
/// Snapshot of the <c>Callbacks__InitialRetryDelay</c>, <c>MaxRetryDelay</c> and <c>RetryWindow</c> settings taken when a
/// delivery starts, so its replays are deterministic.
/// </summary>
public sealed record CallbackSchedule(TimeSpan InitialDelay, TimeSpan MaxDelay, TimeSpan Window)
{
    public static CallbackSchedule From(CallbackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new CallbackSchedule(options.InitialRetryDelay, options.MaxRetryDelay, options.RetryWindow);
    }
}
