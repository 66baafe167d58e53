using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using RunwayRelay.Hosting;

namespace RunwayRelay.Tests.Hosting;

/// <summary>
/// The Functions worker's run path (Program.cs calls RunRunwayRelayAsync after AddRunwayRelay) on a plain host, where
/// its logs can be captured; the worker process itself is covered by FunctionsWorkerStartupTests.
/// </summary>
public sealed class RunwayRelayHostRunExtensionsTests
{
    [Fact]
    public async Task RunRunwayRelayAsync_InvalidSettings_LogsOneCriticalLinePerProblemAndReturnsTheExitCode()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Runway:PollInterval"] = "-00:00:01",
            ["Api:MaxRequestBodyBytes"] = "1",
        });
        builder.Logging.AddFakeLogging();
        builder.AddRunwayRelay();
        var host = builder.Build();
        var logs = host.Services.GetFakeLogCollector();

        int code = await host.RunRunwayRelayAsync();

        Assert.Equal(InvalidSettings.ExitCode, code);
        var critical = logs.GetSnapshot().Where(r => r.Level == LogLevel.Critical).ToList();
        Assert.Equal(2, critical.Count);
        Assert.Contains(critical, r => r.Message == "Invalid setting: Runway__PollInterval must be a positive duration such as 00:00:05.");
        Assert.Contains(critical, r => r.Message.StartsWith("Invalid setting: Api__MaxRequestBodyBytes", StringComparison.Ordinal));
        Assert.All(critical, r => Assert.Null(r.Exception));
    }
}
