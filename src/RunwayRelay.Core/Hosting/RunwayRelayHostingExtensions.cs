using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RunwayRelay.Health;
using RunwayRelay.Http;
using RunwayRelay.Orchestration;
using RunwayRelay.Storage;
using RunwayRelay.Telemetry;
using RunwayRelay.Uploads;

namespace RunwayRelay.Hosting;

public static class RunwayRelayHostingExtensions
{
    /// <summary>
    /// Everything both hosts share: the Runway client and key provider, the orchestration's services (storage, ledger,
    /// callbacks), the HTTP API handlers, the health report and the blob-upload starter, with every option validated at start,
    /// and OpenTelemetry (<see cref="TelemetryServiceCollectionExtensions.AddRunwayRelayTelemetry"/>). The durable
    /// worker and client are the host's business (the Functions extension, or the DevHost's sidecar).
    /// </summary>
    public static TBuilder AddRunwayRelay<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRunwayRelay();
        builder.Services.AddRunwayRelayTelemetry(builder.Configuration);
        return builder;
    }

    /// <inheritdoc cref="AddRunwayRelay{TBuilder}(TBuilder)"/>
    public static IServiceCollection AddRunwayRelay(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRunwayRelayOrchestration();   // includes AddRunwayClient()
        services.AddRunwayRelayHttpApi();
        services.AddRunwayRelayHealth();
        return services;
    }

    /// <summary><see cref="GenerationsApi"/>, <see cref="UsageApi"/>, <see cref="BlobGenerationStarter"/> and the <c>Api</c> options.</summary>
    public static IServiceCollection AddRunwayRelayHttpApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<GenerationApiOptions>().BindConfiguration(GenerationApiOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GenerationApiOptions>, GenerationApiOptionsValidator>());
        services.TryAddSingleton<IVideoDownloadLinks, VideoDownloadLinks>();
        services.TryAddSingleton<GenerationsApi>();
        services.TryAddSingleton<UsageApi>();
        services.TryAddSingleton<BlobGenerationStarter>();
        services.TryAddSingleton<IBlobGenerationStarter>(sp => sp.GetRequiredService<BlobGenerationStarter>());
        services.AddProblemDetails();
        return services;
    }
}
