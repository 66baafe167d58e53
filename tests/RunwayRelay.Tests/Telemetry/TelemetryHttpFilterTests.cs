using System.Diagnostics;
using RunwayRelay.Telemetry;

namespace RunwayRelay.Tests.Telemetry;

public sealed class TelemetryHttpFilterTests
{
    [Fact]
    public void Scrub_SignedUrl_KeepsSchemeHostAndPathOnly()
    {
        using var span = new Activity("GET").Start();
        span.SetTag("url.full", "https://cdn.example.com/out/0.mp4?expires=1&signature=abc");
        span.SetTag("url.query", "?expires=Redacted&signature=Redacted");
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://cdn.example.com/out/0.mp4?expires=1&signature=abc");

        TelemetryHttpFilter.Scrub(span, request);

        Assert.Equal("https://cdn.example.com/out/0.mp4", span.GetTagItem("url.full"));
        Assert.Null(span.GetTagItem("url.query"));
    }

    [Fact]
    public void IsUntraced_MarkedRequest_IsTrueAndUnmarkedIsFalse()
    {
        using var marked = new HttpRequestMessage(HttpMethod.Post, "https://hooks.example.com/done?token=t");
        marked.Options.Set(TelemetryHttpFilter.Untraced, true);
        using var plain = new HttpRequestMessage(HttpMethod.Get, "https://api.dev.runwayml.com/v1/tasks/1");

        Assert.True(TelemetryHttpFilter.IsUntraced(marked));
        Assert.False(TelemetryHttpFilter.IsUntraced(plain));
    }
}
