namespace RunwayRelay.Tests;

/// <summary>The instant the unit tests' clocks start at, so the dates the harnesses and the tests expect agree.</summary>
internal static class TestClock
{
    public static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
}
