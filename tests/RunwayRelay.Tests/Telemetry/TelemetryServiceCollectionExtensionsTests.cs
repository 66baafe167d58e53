using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using RunwayRelay.Telemetry;

namespace RunwayRelay.Tests.Telemetry;

public sealed class TelemetryServiceCollectionExtensionsTests
{
    private const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:1/";

    [Fact]
    public void AddRunwayRelayTelemetry_EntraAuthenticationString_SendsWithTheManagedIdentity()
    {
        var options = ExporterOptions(new()
        {
            [TelemetryServiceCollectionExtensions.ApplicationInsightsSetting] = ConnectionString,
            [TelemetryServiceCollectionExtensions.ApplicationInsightsAuthenticationSetting] = "Authorization=AAD;ClientId=11111111-2222-3333-4444-555555555555",
        });

        Assert.Equal(ConnectionString, options.ConnectionString);
        Assert.IsType<DefaultAzureCredential>(options.Credential);
    }

    [Fact]
    public void AddRunwayRelayTelemetry_ConnectionStringOnly_SendsWithoutACredential()
    {
        var options = ExporterOptions(new() { [TelemetryServiceCollectionExtensions.ApplicationInsightsSetting] = ConnectionString });

        Assert.Equal(ConnectionString, options.ConnectionString);
        Assert.Null(options.Credential);
    }

    [Fact]
    public void AddRunwayRelayTelemetry_NoConnectionString_ConfiguresNoAzureMonitorExport()
    {
        var options = ExporterOptions([]);

        Assert.Null(options.ConnectionString);
    }

    private static AzureMonitorExporterOptions ExporterOptions(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddRunwayRelayTelemetry(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().CurrentValue;
    }
}
