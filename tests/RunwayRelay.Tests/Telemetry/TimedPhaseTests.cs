using RunwayRelay.Telemetry;

namespace RunwayRelay.Tests.Telemetry;

public sealed class TimedPhaseTests
{
    [Fact]
    public void ToTagValue_EveryPhase_IsTheValueDashboardsQuery()
    {
        Assert.Equal(["queued", "throttled", "running", "copying"], Enum.GetValues<TimedPhase>().Select(p => p.ToTagValue()));
    }
}
