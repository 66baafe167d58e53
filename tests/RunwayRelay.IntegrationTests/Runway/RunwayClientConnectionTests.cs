using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace RunwayRelay.IntegrationTests.Runway;

/// <summary>Real sockets on loopback: a port nobody listens on refuses the connection.</summary>
public sealed class RunwayClientConnectionTests
{
    private static readonly TextToVideoRequest Request = new() { Model = "gen4.5", PromptText = "a lighthouse at dusk", Ratio = "1280:720", Duration = 5 };

    [Fact]
    public async Task CreateTaskAsync_ConnectionRefusedEveryTime_RetriesThenSaysNothingWasSubmitted()
    {
        string key = RunwayClientHarness.NewKey();
        using var harness = RunwayClientHarness.Create(new Uri($"http://127.0.0.1:{ClosedPort()}/"), key);

        var ex = await Assert.ThrowsAsync<RunwayException>(() => harness.Client.CreateTaskAsync(Request));

        Assert.Equal(RunwayErrorKind.Network, ex.Kind);
        Assert.Contains("could not be reached", ex.Message);
        Assert.Contains("nothing was submitted", ex.Message);
        Assert.Equal(3, harness.Logs.GetSnapshot().Count(r => r.Level == LogLevel.Warning && r.Message.Contains("retrying in", StringComparison.Ordinal)));
        var leaked = harness.RenderedLogs().Where(line => line.Contains(key, StringComparison.Ordinal)).ToList();
        Assert.True(leaked.Count == 0, string.Join("\n----\n", leaked).Replace(key, "<KEY>"));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
