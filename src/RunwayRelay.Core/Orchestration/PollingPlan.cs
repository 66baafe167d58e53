using RunwayRelay.Generations;

namespace RunwayRelay.Orchestration;

/// <summary>The deterministic poll schedule: <see cref="PollingSchedule.Interval"/> growing ×1.5 per poll up to <see cref="PollingSchedule.MaxInterval"/>.</summary>
public static class PollingPlan
{
    public const double Growth = 1.5;

    /// <summary>Wait before poll number <paramref name="pollCount"/> (0-based).</summary>
    public static TimeSpan DelayBefore(PollingSchedule schedule, int pollCount)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentOutOfRangeException.ThrowIfNegative(pollCount);
        double ticks = schedule.Interval.Ticks * Math.Pow(Growth, Math.Min(pollCount, 64));
        return ticks >= schedule.MaxInterval.Ticks ? schedule.MaxInterval : TimeSpan.FromTicks((long)ticks);
    }
}
