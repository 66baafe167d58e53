namespace RunwayRelay.Telemetry;

internal static class TimedPhaseExtensions
{
    /// <summary>The tag value dashboards and docs/operations.md query: the lowercase name.</summary>
    public static string ToTagValue(this TimedPhase phase) => phase switch
    {
        TimedPhase.Queued => "queued",
        TimedPhase.Throttled => "throttled",
        TimedPhase.Running => "running",
        TimedPhase.Copying => "copying",
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, null),
    };
}
