using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace RunwayRelay.Health;

public static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// The parts of <c>GET /api/health</c>: the key's source and fingerprint, Key Vault (when configured), each storage
    /// container, and Runway with the key (credit balance); the cached <see cref="HealthProbe"/>, <see cref="HealthApi"/>
    /// and the validated <c>Health</c> options.
    /// </summary>
    public static IServiceCollection AddRunwayRelayHealth(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HealthOptions>, HealthOptionsValidator>());
        services.TryAddSingleton<HealthProbe>();
        services.TryAddSingleton<HealthApi>();
        // Every part of the report, contributed ones too, gets Health__CheckTimeout.
        services.AddOptions<HealthCheckServiceOptions>().PostConfigure<IOptions<HealthOptions>>((checks, health) =>
        {
            foreach (var registration in checks.Registrations.Where(r => r.Tags.Contains(HealthParts.Tag)))
            {
                registration.Timeout = health.Value.CheckTimeout;
            }
        });
        services.AddHealthChecks();
        // Once however often this runs: health check names must be unique, or the report fails to start.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HealthCheckServiceOptions>, BuiltInHealthParts>());
        return services;
    }

    /// <summary>
    /// Adds a part to <c>GET /api/health</c>: reported under <paramref name="name"/>, cached with the others, and named
    /// in the 503 when it is unhealthy, with <c>Health__CheckTimeout</c>: the place for a host's own parts.
    /// </summary>
    public static IHealthChecksBuilder AddRunwayRelayHealthPart<T>(this IHealthChecksBuilder builder, string name) where T : class, IHealthCheck
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.AddCheck<T>(name, failureStatus: HealthStatus.Unhealthy, tags: [HealthParts.Tag]);
    }
}
