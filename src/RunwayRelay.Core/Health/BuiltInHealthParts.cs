using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RunwayRelay.Storage;

namespace RunwayRelay.Health;

/// <summary>
/// The parts of <c>GET /api/health</c> that come with RunwayRelay. One options setup rather than builder calls, so that
/// <see cref="HealthServiceCollectionExtensions.AddRunwayRelayHealth"/> registers it once (by type) however often it runs.
/// </summary>
internal sealed class BuiltInHealthParts : IConfigureOptions<HealthCheckServiceOptions>
{
    public void Configure(HealthCheckServiceOptions options)
    {
        Add<ApiKeyHealthCheck>(options, HealthParts.ApiKey);
        Add<KeyVaultHealthCheck>(options, HealthParts.KeyVault);
        Add<RunwayHealthCheck>(options, HealthParts.Runway);
        Add<DailyBudgetHealthCheck>(options, HealthParts.Budget);
        AddContainer(options, HealthParts.OutputStorage, "Output__Container", sp => sp.GetRequiredService<IOptionsMonitor<OutputOptions>>().CurrentValue.Container);
        AddContainer(options, HealthParts.InputStorage, "Input__Container", sp => sp.GetRequiredService<IOptionsMonitor<InputOptions>>().CurrentValue.Container);
        AddContainer(options, HealthParts.SubmissionsStorage, "Output__SubmissionsContainer", sp => sp.GetRequiredService<IOptionsMonitor<OutputOptions>>().CurrentValue.SubmissionsContainer);
        AddContainer(options, HealthParts.PayloadsStorage, "Output__PayloadsContainer", sp => sp.GetRequiredService<IOptionsMonitor<OutputOptions>>().CurrentValue.PayloadsContainer);
    }

    /// <summary>As <see cref="HealthServiceCollectionExtensions.AddRunwayRelayHealthPart{T}"/> does through the builder.</summary>
    private static void Add<T>(HealthCheckServiceOptions options, string name) where T : class, IHealthCheck =>
        options.Registrations.Add(new HealthCheckRegistration(name, sp => ActivatorUtilities.GetServiceOrCreateInstance<T>(sp),
            HealthStatus.Unhealthy, [HealthParts.Tag]));

    private static void AddContainer(HealthCheckServiceOptions options, string name, string setting, Func<IServiceProvider, string> container) =>
        options.Registrations.Add(new HealthCheckRegistration(name,
            sp => new StorageContainerHealthCheck(sp.GetRequiredKeyedService<BlobServiceClient>(VideoStorageClientFactory.ConnectionName), setting, () => container(sp)),
            HealthStatus.Unhealthy, [HealthParts.Tag]));
}
