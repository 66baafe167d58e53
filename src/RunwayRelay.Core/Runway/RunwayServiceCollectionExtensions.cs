using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using RunwayRelay.ApiKeys;

namespace RunwayRelay.Runway;

public static class RunwayServiceCollectionExtensions
{
    public const string ResiliencePipelineName = "runway";

    /// <summary>The named HttpClient (and its resilience pipeline) that posts upload files to presigned storage URLs.</summary>
    public const string UploadHttpClientName = "runway-upload";

    /// <summary>
    /// Registers <see cref="IRunwayClient"/> (the typed HttpClient <see cref="RunwayClient"/>, with retries and timeouts),
    /// <see cref="RunwayOptions"/> (section <c>Runway</c>, validated at start), and <see cref="IRunwayApiKeyProvider"/>
    /// (Key Vault or <c>RUNWAYML_API_SECRET</c>). Replace <see cref="IRunwaySecretClientFactory"/> to change how Key Vault is reached.
    /// </summary>
    public static IHttpClientBuilder AddRunwayClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        // Both hosts and shared helpers may call this; a second resilience handler would nest the retries.
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<RunwayOptions>) && d.ImplementationType == typeof(RunwayOptionsValidator)))
        {
            return services.AddHttpClient<RunwayClient>();
        }

        services.AddOptions<RunwayOptions>()
            .BindConfiguration(RunwayOptions.SectionName)
            .PostConfigure<IServiceProvider>(ApplyBaseUrlFallback)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RunwayOptions>, RunwayOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRunwaySecretClientFactory>(_ => new RunwaySecretClientFactory());
        services.TryAddSingleton<IRunwayApiKeyProvider, RunwayApiKeyProvider>();

        var builder = services.AddHttpClient<RunwayClient>((sp, http) =>
        {
            http.BaseAddress = RunwayBaseUrl.ForRequests(sp.GetRequiredService<IOptions<RunwayOptions>>().Value.BaseUrl);
            // The resilience pipeline owns every timeout; HttpClient's own 100 s would cut across it.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        // The seam consumers take; the concrete typed client stays resolvable for hosts and tests that ask for it.
        services.TryAddTransient<IRunwayClient>(sp => sp.GetRequiredService<RunwayClient>());
        // HttpClientFactory's own request logging redacts header values in the message text but hands the raw headers,
        // Authorization included, to the logger as structured state (seen at Trace level; structured sinks keep it).
        // RunwayClient logs method, path and status itself, so the factory's loggers are removed.
        builder.RemoveAllLoggers();
        builder.AddResilienceHandler(ResiliencePipelineName, ConfigureResilience);

        // Presigned upload URLs get no key and no base address; the factory's loggers would write their query strings.
        services.AddHttpClient(UploadHttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddResilienceHandler(UploadHttpClientName, ConfigureUploadResilience);
        return builder;
    }

    private static void ApplyBaseUrlFallback(RunwayOptions options, IServiceProvider services)
    {
        if (RunwayBaseUrl.Fallback(services.GetService<IConfiguration>()) is not { } fallback)
        {
            return;
        }
        if (Uri.TryCreate(fallback, UriKind.Absolute, out var uri))
        {
            options.BaseUrl = uri;
        }
        else
        {
            options.BaseUrlProblem = $"{RunwayBaseUrl.EnvironmentVariable} is not an absolute URL";
        }
    }

    private static void ConfigureResilience(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<RunwayOptions>>().Value;
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "runway-total", Timeout = options.TotalRequestTimeout });
        pipeline.AddRetry(RetryStrategy(context, "runway-retry", RunwayRetryPolicy.ShouldRetry,
            request => $"Runway {request?.Method.Method} {request?.RequestUri?.AbsolutePath}"));
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "runway-attempt", Timeout = options.RequestTimeout });
    }

    private static void ConfigureUploadResilience(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<RunwayOptions>>().Value;
        // One deadline for the whole file POST: an attempt of a large file may rightly take most of it.
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "runway-upload-total", Timeout = options.UploadTimeout });
        // Host only: a presigned URL's path and query can carry signatures.
        pipeline.AddRetry(RetryStrategy(context, "runway-upload-retry", RunwayRetryPolicy.ShouldRetryUpload,
            request => $"Runway upload storage {request?.RequestUri?.Host}"));
    }

    /// <summary>Exponential backoff with jitter that honours Runway's Retry-After (capped), logging each retry without the URL's query.</summary>
    private static HttpRetryStrategyOptions RetryStrategy(ResilienceHandlerContext context, string name,
        Func<HttpRequestMessage?, Outcome<HttpResponseMessage>, bool> shouldRetry, Func<HttpRequestMessage?, string> describe)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<RunwayOptions>>().Value;
        var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
        var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RunwayRetryPolicy));
        return new HttpRetryStrategyOptions
        {
            Name = name,
            MaxRetryAttempts = options.MaxRetryAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            MaxDelay = options.MaxRetryDelay,
            ShouldRetryAfterHeader = false,
            ShouldHandle = async args => shouldRetry(args.Context.GetRequestMessage(), args.Outcome)
                && !await RunwayRetryPolicy.IsDailyLimitAsync(args.Context.GetRequestMessage(), args.Outcome).ConfigureAwait(false),
            DelayGenerator = args =>
            {
                var asked = RunwayRetryPolicy.RetryAfter(args.Outcome.Result, time);
                return ValueTask.FromResult(asked is { } d ? (d > options.MaxRetryDelay ? options.MaxRetryDelay : d) : (TimeSpan?)null);
            },
            OnRetry = args =>
            {
                logger.RunwayRetrying(describe(args.Context.GetRequestMessage()), args.AttemptNumber + 1,
                    args.Outcome.Result is { } r ? ((int)r.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name,
                    (long)args.RetryDelay.TotalMilliseconds);
                return default;
            },
        };
    }
}
