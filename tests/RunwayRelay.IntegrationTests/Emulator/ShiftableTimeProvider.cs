namespace RunwayRelay.IntegrationTests.Emulator;

/// <summary>
/// The system clock plus an adjustable offset, so tests can jump past URL expiry or the daily window; frozen, it stands
/// still between jumps, so what a test reads does not depend on how fast the machine runs it.
/// </summary>
public sealed class ShiftableTimeProvider : TimeProvider
{
    public TimeSpan Offset { get; set; }

    /// <summary>When set, the clock reads this (plus <see cref="Offset"/>) instead of the system time.</summary>
    public DateTimeOffset? FrozenAt { get; set; }

    public override DateTimeOffset GetUtcNow() => (FrozenAt ?? System.GetUtcNow()) + Offset;
}
