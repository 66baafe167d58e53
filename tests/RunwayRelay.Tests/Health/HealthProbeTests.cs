using Microsoft.Extensions.Diagnostics.HealthChecks;
using RunwayRelay.Health;
using static RunwayRelay.Tests.Http.HttpTestKit;

namespace RunwayRelay.Tests.Health;

public sealed class HealthProbeTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly Mock<HealthCheckService> _checks = new();
    private int _runs;

    public HealthProbeTests() =>
        _checks.Setup(c => c.CheckHealthAsync(It.IsAny<Func<HealthCheckRegistration, bool>?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => Report(Interlocked.Increment(ref _runs) == 1 ? HealthStatus.Healthy : HealthStatus.Unhealthy));

    private HealthProbe Probe(TimeSpan cache) =>
        new(_checks.Object, Monitor(new HealthOptions { CacheDuration = cache }), _time);

    [Fact]
    public async Task GetAsync_WithinCacheDuration_ReturnsTheFirstReportWithoutRunningAgain()
    {
        var probe = Probe(TimeSpan.FromSeconds(30));

        var first = await probe.GetAsync();
        _time.Advance(TimeSpan.FromSeconds(29));
        var second = await probe.GetAsync();

        Assert.Same(first, second);
        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task GetAsync_AfterCacheDuration_RunsTheChecksAgain()
    {
        var probe = Probe(TimeSpan.FromSeconds(30));

        var first = await probe.GetAsync();
        _time.Advance(TimeSpan.FromSeconds(30));
        var second = await probe.GetAsync();

        Assert.Equal(HealthStatus.Healthy, first.Report.Status);
        Assert.Equal(HealthStatus.Unhealthy, second.Report.Status);
        Assert.Equal(_time.GetUtcNow(), second.CheckedAt);
        Assert.Equal(2, _runs);
    }

    [Fact]
    public async Task GetAsync_OnlyTaggedChecks_AreRun()
    {
        Func<HealthCheckRegistration, bool>? predicate = null;
        _checks.Setup(c => c.CheckHealthAsync(It.IsAny<Func<HealthCheckRegistration, bool>?>(), It.IsAny<CancellationToken>()))
            .Callback<Func<HealthCheckRegistration, bool>?, CancellationToken>((p, _) => predicate = p)
            .ReturnsAsync(Report(HealthStatus.Healthy));

        await Probe(TimeSpan.Zero).GetAsync();

        Assert.NotNull(predicate);
        Assert.True(predicate(new HealthCheckRegistration("budget", Mock.Of<IHealthCheck>(), null, [HealthParts.Tag])));
        Assert.False(predicate(new HealthCheckRegistration("durable", Mock.Of<IHealthCheck>(), null, [])));
    }

    [Fact]
    public void ToResponse_UnhealthyPart_IsNamedInFailingAndPartsAreInNameOrder()
    {
        var report = new HealthReport(new Dictionary<string, HealthReportEntry>
        {
            ["runway"] = new(HealthStatus.Unhealthy, "Runway rejected the API key (401 Unauthorized)", TimeSpan.FromMilliseconds(12.34), null, null),
            ["apiKey"] = new(HealthStatus.Healthy, "ok", TimeSpan.Zero, null, null),
            ["budget"] = new(HealthStatus.Degraded, "80 % of the day's budget used", TimeSpan.Zero, null, null),
        }, TimeSpan.FromMilliseconds(13));

        var body = HealthApi.ToResponse(new HealthSnapshot(report, _time.GetUtcNow()));

        Assert.Equal("unhealthy", body.Status);
        Assert.Equal(["runway"], body.Failing);
        Assert.Equal(["apiKey", "budget", "runway"], body.Parts.Select(p => p.Name));
        Assert.Equal(["healthy", "degraded", "unhealthy"], body.Parts.Select(p => p.Status));
        Assert.Equal(12.3, body.Parts[2].DurationMs);
    }

    private static HealthReport Report(HealthStatus status) =>
        new(new Dictionary<string, HealthReportEntry> { ["runway"] = new(status, null, TimeSpan.Zero, null, null) }, TimeSpan.Zero);
}
