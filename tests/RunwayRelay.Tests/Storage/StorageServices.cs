namespace RunwayRelay.Tests.Storage;

/// <summary>The production registrations (<c>AddRunwayRelayOrchestration</c>) over in-memory settings, as the storage tests read them.</summary>
internal static class StorageServices
{
    public static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddRunwayRelayOrchestration();
        return services.BuildServiceProvider();
    }
}
