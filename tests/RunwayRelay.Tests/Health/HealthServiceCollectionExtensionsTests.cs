using Microsoft.Extensions.Diagnostics.HealthChecks;
using RunwayRelay.Health;

namespace RunwayRelay.Tests.Health;

public sealed class HealthServiceCollectionExtensionsTests
{
    [Fact]
    public void AddRunwayRelayHealth_CalledTwice_RegistersEachPartOnceWithTheCheckTimeout()
    {
        var services = WithCheckTimeoutOfSevenSeconds();

        services.AddRunwayRelayHealth();
        services.AddRunwayRelayHealth();

        using var provider = services.BuildServiceProvider();
        var registrations = Registrations(provider);
        Assert.Equal(
            [HealthParts.ApiKey, HealthParts.Budget, HealthParts.KeyVault, HealthParts.Runway,
             HealthParts.InputStorage, HealthParts.OutputStorage, HealthParts.PayloadsStorage, HealthParts.SubmissionsStorage],
            registrations.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.All(registrations, r =>
        {
            Assert.Contains(HealthParts.Tag, r.Tags);
            Assert.Equal(HealthStatus.Unhealthy, r.FailureStatus);
            Assert.Equal(TimeSpan.FromSeconds(7), r.Timeout);
        });
    }

    [Fact]
    public void AddRunwayRelayHealthPart_OwnCheck_IsReportedLikeTheBuiltInParts()
    {
        var services = WithCheckTimeoutOfSevenSeconds();
        services.AddRunwayRelayHealth();

        services.AddHealthChecks().AddRunwayRelayHealthPart<AlwaysDegraded>("my-part");

        using var provider = services.BuildServiceProvider();
        var registrations = Registrations(provider);
        var mine = Assert.Single(registrations, r => r.Name == "my-part");
        Assert.Contains(HealthParts.Tag, mine.Tags);
        Assert.Equal(HealthStatus.Unhealthy, mine.FailureStatus);
        Assert.Equal(TimeSpan.FromSeconds(7), mine.Timeout);
        Assert.IsType<AlwaysDegraded>(mine.Factory(provider));
    }

    private sealed class AlwaysDegraded : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(HealthCheckResult.Degraded("close to the cap"));
    }

    private static ServiceCollection WithCheckTimeoutOfSevenSeconds()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Health:CheckTimeout"] = "00:00:07" })
            .Build());
        return services;
    }

    private static ICollection<HealthCheckRegistration> Registrations(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
}
