namespace RunwayRelay.IntegrationTests.Emulator;

/// <summary>The system clock plus an adjustable offset, so tests can jump past URL expiry or the daily window.</summary>
public sealed class ShiftableTimeProvider : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
