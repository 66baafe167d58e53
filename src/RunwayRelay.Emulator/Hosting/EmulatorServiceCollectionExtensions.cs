using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RunwayRelay.Emulator.Admin;
using RunwayRelay.Emulator.Hosting;
using RunwayRelay.Emulator.Http;
using RunwayRelay.Emulator.Media;
using RunwayRelay.Emulator.Tasks;
using RunwayRelay.Emulator.Uploads;

namespace RunwayRelay.Emulator;

public static class EmulatorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the emulator with options bound from <paramref name="configSectionPath"/> (default <c>Emulator</c>),
    /// then <paramref name="configure"/>; validated on start. Resolve <see cref="EmulatorOptions"/> to change them live.
    /// </summary>
    public static IServiceCollection AddRunwayEmulator(
        this IServiceCollection services,
        Action<EmulatorOptions>? configure = null,
        string configSectionPath = EmulatorOptions.SectionName)
    {
        var builder = services.AddOptions<EmulatorOptions>().BindConfiguration(configSectionPath);
        if (configure is not null)
        {
            builder.Configure(configure);
        }
        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmulatorOptions>, EmulatorOptionsValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<EmulatorOptions>>().Value);
        return services.AddRunwayEmulatorCore();
    }

    /// <summary>Registers the emulator around one given, live options instance.</summary>
    public static IServiceCollection AddRunwayEmulator(this IServiceCollection services, EmulatorOptions options)
    {
        var errors = EmulatorOptionsValidator.Errors(options).ToList();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(EmulatorOptions.SectionName, typeof(EmulatorOptions), errors);
        }
        services.TryAddSingleton(options);
        return services.AddRunwayEmulatorCore();
    }

    private static IServiceCollection AddRunwayEmulatorCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RequestJournal>();
        services.TryAddSingleton<EmulatorRandom>();
        services.TryAddSingleton<TaskStore>();
        services.TryAddSingleton<OutputUrlSigner>();
        services.TryAddSingleton<UploadStore>();
        services.TryAddSingleton<EmulatorState>();
        services.TryAddSingleton(sp => new RunwayEmulatorControl(
            sp.GetRequiredService<EmulatorOptions>(),
            sp.GetRequiredService<RequestJournal>(),
            sp.GetRequiredService<TaskStore>(),
            sp.GetRequiredService<EmulatorState>()));
        return services;
    }
}
