using RunwayRelay.Budget;
using static RunwayRelay.Tests.Http.HttpTestKit;

namespace RunwayRelay.Tests.Budget;

public sealed class BudgetGuardTests
{
    private static readonly TextToVideoRequest FiveSeconds = new() { Model = "gen4.5", PromptText = "fox", Ratio = "1280:720", Duration = 5 };
    private readonly Mock<IRunwayClient> _runway = new();
    private readonly Mock<IDailySpendStore> _spend = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 22, 30, 0, TimeSpan.Zero));

    private BudgetGuard Guard(BudgetOptions options) =>
        new(_runway.Object, _spend.Object, Monitor(options), _time, NullLogger<BudgetGuard>.Instance);

    [Fact]
    public async Task CheckAsync_BalanceReadTwiceWithinCache_AsksRunwayOnce()
    {
        _runway.Setup(r => r.GetOrganizationAsync(It.IsAny<CancellationToken>())).ReturnsAsync(new RunwayOrganization { CreditBalance = 1000 });
        var guard = Guard(new BudgetOptions { BalanceCacheDuration = TimeSpan.FromSeconds(30) });

        await guard.CheckAsync(FiveSeconds);
        _time.Advance(TimeSpan.FromSeconds(10));
        await guard.CheckAsync(FiveSeconds);
        _time.Advance(TimeSpan.FromSeconds(25));
        await guard.CheckAsync(FiveSeconds);

        _runway.Verify(r => r.GetOrganizationAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task ReserveAsync_AfterADoorCheck_ReadsTheBalanceAfresh()
    {
        _runway.SetupSequence(r => r.GetOrganizationAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(new RunwayOrganization { CreditBalance = 1000 })
            .ReturnsAsync(new RunwayOrganization { CreditBalance = 10 });
        var guard = Guard(new BudgetOptions());

        Assert.IsType<BudgetAllowed>(await guard.CheckAsync(FiveSeconds));
        var refused = Assert.IsType<BudgetRefused>(await guard.ReserveAsync("gen-1", FiveSeconds));

        Assert.Equal(GenerationErrorCodes.InsufficientCredits, refused.ErrorCode);
        Assert.Contains("API credits are separate from the credits of the Runway web app", refused.Message, StringComparison.Ordinal);
        _spend.Verify(s => s.TryReserveAsync(It.IsAny<SpendEntry>(), It.IsAny<long?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ReserveAsync_DayFull_RefusesUntilTheNextUtcMidnight()
    {
        _spend.Setup(s => s.TryReserveAsync(It.IsAny<SpendEntry>(), 100, It.IsAny<CancellationToken>())).ReturnsAsync((SpendReservation.OverLimit, 70L));
        var guard = Guard(new BudgetOptions { CheckBalance = false, MaxCreditsPerDay = 100 });

        var refused = Assert.IsType<BudgetRefused>(await guard.ReserveAsync("gen-1", FiveSeconds));

        Assert.Equal(GenerationErrorCodes.BudgetPerDayExceeded, refused.ErrorCode);
        Assert.Equal((60L, 100L, 30L), (refused.EstimatedCredits!.Value, refused.LimitCredits, refused.LeftCredits));
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero), refused.RetryAt);
    }

    [Fact]
    public async Task CheckAsync_BalanceUnreadable_DoesNotRefuse()
    {
        _runway.Setup(r => r.GetOrganizationAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new RunwayException(RunwayErrorKind.Network, "down"));

        Assert.IsType<BudgetAllowed>(await Guard(new BudgetOptions()).CheckAsync(FiveSeconds));
    }
}
