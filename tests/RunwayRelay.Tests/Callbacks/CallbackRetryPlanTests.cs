namespace RunwayRelay.Tests.Callbacks;

public sealed class CallbackRetryPlanTests
{
    private static readonly CallbackSchedule Schedule = new(TimeSpan.FromSeconds(30), TimeSpan.FromHours(1), TimeSpan.FromHours(24));
    private static readonly DateTime First = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(6, 960)]
    public void Backoff_EachAttempt_DoublesWithinHalfToFullOfTheDelay(int attempts, int fullSeconds)
    {
        foreach (string key in new[] { "msg_a", "msg_b", "msg_c", "msg_d" })
        {
            var delay = CallbackRetryPlan.Backoff(Schedule, attempts, key);

            Assert.InRange(delay, TimeSpan.FromSeconds(fullSeconds / 2.0), TimeSpan.FromSeconds(fullSeconds));
        }
    }

    [Fact]
    public void Backoff_ManyAttempts_CappedAtMaxDelay()
    {
        Assert.InRange(CallbackRetryPlan.Backoff(Schedule, 40, "msg_a"), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1));
    }

    [Fact]
    public void Backoff_SameKeyAndAttempt_SameDelayAndKeysSpreadApart()
    {
        // Deterministic, so replays pick the same timer; spread, so receivers back from an outage are not hit at once.
        Assert.Equal(CallbackRetryPlan.Backoff(Schedule, 3, "msg_a"), CallbackRetryPlan.Backoff(Schedule, 3, "msg_a"));
        var delays = Enumerable.Range(0, 50).Select(i => CallbackRetryPlan.Backoff(Schedule, 3, "msg_" + i)).Distinct().ToList();
        Assert.True(delays.Count > 40, $"only {delays.Count} distinct delays");
        Assert.All(Enumerable.Range(0, 200).Select(i => CallbackRetryPlan.Jitter("k" + i, 1)), j => Assert.InRange(j, 0, 0.999999999));
    }

    [Fact]
    public void NextAttemptAt_RetryAfterGiven_HonoursItInsteadOfTheBackoff()
    {
        var next = CallbackRetryPlan.NextAttemptAt(Schedule, 1, First, First, TimeSpan.FromMinutes(7), "msg_a");

        Assert.Equal(First + TimeSpan.FromMinutes(7), next);
    }

    [Fact]
    public void NextAttemptAt_RetryAfterBeyondMaxDelay_HeldToMaxDelay()
    {
        var next = CallbackRetryPlan.NextAttemptAt(Schedule, 1, First, First, TimeSpan.FromDays(2), "msg_a");

        Assert.Equal(First + Schedule.MaxDelay, next);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3600)]
    public void NextAttemptAt_RetryAfterZeroOrADateAlreadyPast_HeldToTheInitialDelay(int askedSeconds)
    {
        var next = CallbackRetryPlan.NextAttemptAt(Schedule, 1, First, First, TimeSpan.FromSeconds(askedSeconds), "msg_a");

        Assert.Equal(First + Schedule.InitialDelay, next);
    }

    [Fact]
    public void NextAttemptAt_PastTheWindow_NullSoTheDeliveryEnds()
    {
        var now = First + TimeSpan.FromHours(23.9);

        Assert.Null(CallbackRetryPlan.NextAttemptAt(Schedule, 20, First, now, null, "msg_a"));
        Assert.Null(CallbackRetryPlan.NextAttemptAt(Schedule, 1, First, now, TimeSpan.FromMinutes(30), "msg_a"));
        Assert.Equal(now + TimeSpan.FromMinutes(5), CallbackRetryPlan.NextAttemptAt(Schedule, 1, First, now, TimeSpan.FromMinutes(5), "msg_a"));
    }

    [Fact]
    public void NextAttemptAt_DefaultSchedule_RetriesForADayInAboutThirtyAttempts()
    {
        var now = First;
        int attempts = 0;
        for (DateTime? next = First; next is { } at; next = CallbackRetryPlan.NextAttemptAt(Schedule, attempts, First, now, null, "msg_a"))
        {
            now = at;
            attempts++;
        }

        Assert.InRange(now - First, TimeSpan.FromHours(23), TimeSpan.FromHours(24));
        Assert.InRange(attempts, 25, 60);
    }
}
