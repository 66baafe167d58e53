using Azure.Storage.Blobs;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RunwayRelay.Budget;
using RunwayRelay.Callbacks;
using RunwayRelay.Runway;
using RunwayRelay.Scheduling;
using RunwayRelay.Storage;

namespace RunwayRelay.Orchestration;

public static class OrchestrationServiceCollectionExtensions
{
    /// <summary>
    /// Everything the activities need: the Runway client (<c>AddRunwayClient</c>), the video storage (<c>VideoStorage</c>
    /// falling back to <c>AzureWebJobsStorage</c>), the blob store and submission ledger, the callback sender, and the
    /// <c>Output</c>, <c>Input</c> and <c>Callbacks</c> options validated at start.
    /// </summary>
    public static IServiceCollection AddRunwayRelayOrchestration(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        // Options binding and typed HTTP clients add descriptors on every call. The budget validator is registered only
        // here (a host may replace a store, never this), so finding it means everything below is there already.
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<BudgetOptions>) && d.ImplementationType == typeof(BudgetOptionsValidator)))
        {
            return services;
        }

        services.AddRunwayClient();
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<OutputOptions>().BindConfiguration(OutputOptions.SectionName).ValidateOnStart();
        services.AddOptions<InputOptions>().BindConfiguration(InputOptions.SectionName).ValidateOnStart();
        services.AddOptions<CallbackOptions>().BindConfiguration(CallbackOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CallbackOptions>, CallbackOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutputOptions>, StorageOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InputOptions>, StorageOptionsValidator>());
        services.AddOptions<BudgetOptions>().BindConfiguration(BudgetOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BudgetOptions>, BudgetOptionsValidator>());

        services.TryAddKeyedSingleton<BlobServiceClient>(VideoStorageClientFactory.ConnectionName,
            (sp, _) => VideoStorageClientFactory.Create(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton<ISubmissionLedger, SubmissionLedger>();
        services.TryAddSingleton<GenerationPayloadStore>();
        services.TryAddSingleton<CallbackTargetStore>();
        services.TryAddSingleton<WebhookSigner>();
        services.TryAddSingleton<OutputNameReservations>();
        services.TryAddSingleton<PromptImageLoader>();
        services.TryAddSingleton<RunwayOutputCache>();
        services.TryAddSingleton<ModelRunTimes>();
        services.TryAddSingleton<GenerationScheduler>();
        services.TryAddSingleton<IDailySpendStore, DailySpendStore>();
        services.TryAddSingleton<BudgetGuard>();
        // Transient: it takes the DurableTaskClient the way the activities do.
        services.TryAddTransient<CallbackDeliveryStarter>();

        // Downloads carry signed URLs: the factory's request loggers would write them out, so they are removed.
        services.AddHttpClient<IVideoStore, BlobVideoStore>((sp, http) =>
                http.Timeout = sp.GetRequiredService<IOptions<OutputOptions>>().Value.DownloadTimeout)
            .RemoveAllLoggers();
        // Callback URLs may carry tokens too; the connector checks every address it connects to (SSRF) and follows no redirects.
        services.TryAddSingleton<ICallbackHostResolver, DnsCallbackHostResolver>();
        services.TryAddSingleton<CallbackConnector>();
        services.AddHttpClient<CompletionCallbackSender>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<CallbackConnector>().CreateHandler())
            .RemoveAllLoggers();
        return services;
    }

    /// <summary>Registers <see cref="GenerateVideoOrchestrator"/>, <see cref="CallbackDeliveryOrchestrator"/> and every activity under their class names.</summary>
    public static DurableTaskRegistry AddRunwayRelayTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestrator<GenerateVideoOrchestrator>();
        registry.AddOrchestrator<CallbackDeliveryOrchestrator>();
        registry.AddActivity<EnsureApiKeyActivity>();
        registry.AddActivity<SubmitGenerationActivity>();
        registry.AddActivity<ReadRunwayTaskActivity>();
        registry.AddActivity<CopyOutputsActivity>();
        registry.AddActivity<CancelRunwayTaskActivity>();
        registry.AddActivity<StartCallbackDeliveryActivity>();
        registry.AddActivity<DeliverCallbackActivity>();
        registry.AddActivity<ReleaseGenerationActivity>();
        return registry;
    }
}
