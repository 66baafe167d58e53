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
    public const string BaseUrlEnvironmentVariable = "RUNWAYML_BASE_URL";
    public const string ResiliencePipelineName = "runway";

    /// <summary>The named HttpClient (and its resilience pipeline) that posts upload files to presigned storage URLs.</summary>
    public const string UploadHttpClientName = "runway-upload";

    /// <summary>
    /// Registers <see cref="RunwayClient"/> (typed HttpClient with retries and timeouts), <see cref="RunwayOptions"/>
    /// (section <c>Runway</c>, validated at start), and <see cref="IRunwayApiKeyProvider"/> (Key Vault or <c>RUNWAYML_API_SECRET</c>).
    /// Replace <see cref="IRunwaySecretClientFactory"/> to change how Key Vault is reached.
    /// </summary>
    public static IHttpClientBuilder AddRunwayClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        // Both hosts and shared helpers may call this; a second resilience handler would nest the retries.
        if (services.Any(d => d.ServiceType == typeof(RunwayClientRegistration)))
        {
            return services.AddHttpClient<RunwayClient>();
        }
        services.AddSingleton<RunwayClientRegistration>();

        services.AddOptions<RunwayOptions>()
            .BindConfiguration(RunwayOptions.SectionName)
            .PostConfigure<IServiceProvider>(ApplyBaseUrlFallback)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RunwayOptions>, RunwayOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRunwaySecretClientFactory, DefaultAzureCredentialSecretClientFactory>();
        services.TryAddSingleton<IRunwayApiKeyProvider, RunwayApiKeyProvider>();

        var builder = services.AddHttpClient<RunwayClient>((sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<RunwayOptions>>().Value;
            http.BaseAddress = UriPaths.WithTrailingSlash(options.BaseUrl);
            // The resilience pipeline owns every timeout; HttpClient's own 100 s would cut across it.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
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
        var configuration = services.GetService<IConfiguration>();
        if (!string.IsNullOrWhiteSpace(configuration?[$"{RunwayOptions.SectionName}:BaseUrl"]))
        {
            return;
        }
        string? fallback = configuration?[BaseUrlEnvironmentVariable] ?? Environment.GetEnvironmentVariable(BaseUrlEnvironmentVariable);
        if (string.IsNullOrWhiteSpace(fallback))
        {
            return;
        }
        if (Uri.TryCreate(fallback.Trim(), UriKind.Absolute, out var uri))
        {
            options.BaseUrl = uri;
        }
        else
        {
            options.BaseUrlProblem = $"{BaseUrlEnvironmentVariable} is not an absolute URL";
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
                logger.LogWarning("{Request}: attempt {Attempt} failed ({Outcome}); retrying in {Delay} ms",
                    describe(args.Context.GetRequestMessage()), args.AttemptNumber + 1,
                    args.Outcome.Result is { } r ? ((int)r.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name,
                    (long)args.RetryDelay.TotalMilliseconds);
                return default;
            },
        };
    }
}

internal sealed class RunwayClientRegistration;

/// <summary>One actionable line per bad setting, reported at start (<c>ValidateOnStart</c>).</summary>
internal sealed class RunwayOptionsValidator : IValidateOptions<RunwayOptions>
{
    public ValidateOptionsResult Validate(string? name, RunwayOptions options)
    {
        var failures = new List<string>();
        if (options.BaseUrlProblem is { } problem)
        {
            failures.Add($"{problem}: set it (or Runway__BaseUrl) to e.g. {RunwayOptions.DefaultBaseUrl}.");
        }
        if (options.BaseUrl is null || !options.BaseUrl.IsAbsoluteUri || options.BaseUrl.Scheme is not ("https" or "http"))
        {
            failures.Add($"Runway__BaseUrl must be an absolute http(s) URL such as {RunwayOptions.DefaultBaseUrl}.");
        }
        if (options.KeyVaultUri is { } vault && (!vault.IsAbsoluteUri || vault.Scheme != "https"))
        {
            failures.Add("Runway__KeyVaultUri must be the vault's https URL, e.g. https://<name>.vault.azure.net/.");
        }
        if (string.IsNullOrWhiteSpace(options.ApiKeySecretName) || options.ApiKeySecretName.Length > 127
            || !options.ApiKeySecretName.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            failures.Add("Runway__ApiKeySecretName must be a Key Vault secret name: 1-127 letters, digits and dashes.");
        }
        Positive(failures, options.ApiKeyCacheDuration, "ApiKeyCacheDuration");
        Positive(failures, options.PollInterval, "PollInterval");
        Positive(failures, options.MaxPollInterval, "MaxPollInterval");
        Positive(failures, options.Timeout, "Timeout");
        Positive(failures, options.RequestTimeout, "RequestTimeout");
        Positive(failures, options.TotalRequestTimeout, "TotalRequestTimeout");
        Positive(failures, options.RetryBaseDelay, "RetryBaseDelay");
        Positive(failures, options.MaxRetryDelay, "MaxRetryDelay");
        Positive(failures, options.UploadTimeout, "UploadTimeout");
        if (options.MaxPollInterval < options.PollInterval)
        {
            failures.Add("Runway__MaxPollInterval must not be shorter than Runway__PollInterval.");
        }
        if (options.Timeout > RunwayOptions.MaxTimeout)
        {
            // A generation's payload (request, callback URL) is kept at most a week; and Runway's outputs expire in a day or two.
            failures.Add($"Runway__Timeout must be at most {RunwayOptions.MaxTimeout:c}, such as 00:30:00.");
        }
        if (options.TotalRequestTimeout < options.RequestTimeout)
        {
            failures.Add("Runway__TotalRequestTimeout must not be shorter than Runway__RequestTimeout.");
        }
        if (options.MaxRetryAttempts is < 0 or > 10)
        {
            failures.Add("Runway__MaxRetryAttempts must be from 0 to 10.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"Runway__{name} must be a positive duration such as 00:00:05.");
        }
    }
}
