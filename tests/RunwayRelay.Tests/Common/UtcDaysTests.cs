namespace RunwayRelay.Tests.Common;

public sealed class UtcDaysTests
{
    [Fact]
    public void Of_EveningWestOfUtc_IsTheNextUtcDay()
    {
        var at = new DateTimeOffset(2026, 12, 1, 20, 30, 0, TimeSpan.FromHours(-5));

        Assert.Equal(new DateOnly(2026, 12, 2), UtcDays.Of(at));
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero), UtcDays.NextStart(at));
    }

    [Theory]
    [InlineData("2026-12-02", true)]
    [InlineData("2026-2-5", false)]
    [InlineData("02.12.2026", false)]
    [InlineData("", false)]
    public void TryParse_OnlyTheWrittenForm_Reads(string text, bool reads)
    {
        Assert.Equal(reads, UtcDays.TryParse(text, out var day));
        Assert.Equal(reads ? "2026-12-02" : "0001-01-01", UtcDays.ToText(day));
    }
}
