using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using RunwayRelay.DevHost.Access;
using RunwayRelay.DevHost.Callbacks;
using RunwayRelay.DevHost.Durable;
using RunwayRelay.DevHost.Runway;
using RunwayRelay.DevHost.Uploads;
using RunwayRelay.Emulator;
using RunwayRelay.Health;
using RunwayRelay.Hosting;
using RunwayRelay.Http;
using RunwayRelay.Http.OpenApi;
using Scalar.AspNetCore;
using RunwayRelay.Orchestration;

namespace RunwayRelay.DevHost.Hosting;

public static class DevHostBuilderExtensions
{
    /// <summary>
    /// The Functions app's behaviour without the Functions host: the same Core registrations and HTTP handlers, the
    /// durable worker and client over the Azure Storage backend (<see cref="DurableSidecar"/>), the embedded emulator
    /// when no Runway URL is set, a callback signing secret of its own, and the input container scanned for uploads.
    /// </summary>
    public static WebApplicationBuilder AddDevHost(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var url = new Uri(configuration[DevHostOptions.UrlVariable] is { Length: > 0 } u ? u : DevHostOptions.DefaultUrl);
        bool loopback = ListenAddress.IsLoopback(url);

        // Local defaults go first so every real source (env, command line) overrides them. Loopback callbacks reach
        // this machine's services, so they are allowed by default only while nothing but this machine can call in.
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                [DevHostStorage.SettingName] = DevHostStorage.DevelopmentStorage,
                ["Callbacks:AllowLoopback"] = loopback ? "true" : "false",
            },
        });

        builder.WebHost.UseUrls(url.GetLeftPart(UriPartial.Authority));

        var self = ListenAddress.Self(url);
        var target = RunwayTarget.Decide(configuration, self);
        var overrides = new Dictionary<string, string?>(target.EmbeddedSettings());
        string? secretPath = null;
        if (string.IsNullOrEmpty(configuration["Callbacks:SigningSecret"]))
        {
            string dataDirectory = configuration[$"{DevHostOptions.SectionName}:DataDirectory"] is { Length: > 0 } d ? d : DevSigningSecret.DefaultDataDirectory();
            (overrides["Callbacks:SigningSecret"], secretPath) = DevSigningSecret.LoadOrCreate(dataDirectory);
        }
        configuration.AddInMemoryCollection(overrides);

        // Request and client logs would carry the emulator's signed output URLs; the app logs what matters itself.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        // Start failures are printed by RunDevHostAsync as one line each, not as a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("DurableTask", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.DurableTask", LogLevel.Warning);

        var services = builder.Services;
        services.AddOptions<DevHostOptions>().BindConfiguration(DevHostOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DevHostOptions>>(new DevHostOptionsValidator(url));
        services.AddSingleton(new DevHostInfo(url, target, secretPath));

        builder.AddRunwayRelay();
        // The HTTP start of a generation is the root of its trace; the health probes and the embedded emulator are not traced.
        services.AddOpenTelemetry().WithTracing(tracing => tracing.AddAspNetCoreInstrumentation(o =>
            o.Filter = http => http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) && !http.Request.Path.StartsWithSegments("/api/health", StringComparison.Ordinal)));
        services.AddGenerationsOpenApi();
        // The DevHost calls itself (embedded emulator API and outputs); those calls need its key like any other caller.
        services.AddTransient(sp => new SelfApiKeyHandler(self, sp.GetRequiredService<IOptions<DevHostOptions>>()));
        services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler<SelfApiKeyHandler>());
        if (target.Embedded)
        {
            services.AddRunwayEmulator();
        }

        // Hosted services start in order and stop in reverse: the durable backend first, then the key is checked,
        // and only then does the worker take work.
        var endpoint = new SidecarEndpoint();
        services.AddSingleton(endpoint);
        services.AddSingleton<DurableSidecar>();
        services.AddHostedService(sp => sp.GetRequiredService<DurableSidecar>());
        services.AddHostedService<RunwayKeyCheck>();
        services.AddDurableTaskWorker(w =>
        {
            w.AddTasks(r => r.AddRunwayRelayTasks());
            w.UseGrpc(endpoint.Channel);
        });
        services.AddDurableTaskClient(c => c.UseGrpc(endpoint.Channel));
        services.AddHostedService<InboxScanner>();
        services.AddHealthChecks().AddCheck<DurableSidecarHealthCheck>("durable");
        return builder;
    }

    /// <summary>The interactive API reference (Scalar) over <see cref="GenerationsOpenApi.DocumentRoute"/>.</summary>
    public const string ApiDocsRoute = "/api/docs";

    /// <summary>The HTTP API at <c>/api/generations</c>, the emulator at <c>/runway</c> when embedded, its OpenAPI document and reference page, <c>/api/health</c> (loopback callers only) and <c>/healthz</c>.</summary>
    public static WebApplication MapDevHost(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var info = app.Services.GetRequiredService<DevHostInfo>();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.MapGenerationsApi();
        app.MapGenerationsOpenApi();
        // The interactive reference is for local runs; the Functions app serves only the document.
        app.MapScalarApiReference(ApiDocsRoute, options => options
            .WithTitle("RunwayRelay HTTP API")
            .WithOpenApiRoutePattern(GenerationsOpenApi.DocumentRoute));
        if (info.Runway.Embedded)
        {
            // The emulator's admin routes (reset, credits, live options) take no key of their own: never beyond loopback.
            app.MapRunwayEmulator(RunwayTarget.EmbeddedPrefix, includeAdmin: ListenAddress.IsLoopback(info.Url));
        }
        app.MapRunwayRelayHealth().AddEndpointFilter<LoopbackOnlyFilter>();
        // /healthz says only that the DevHost is up (scripts wait for it); the parts of /api/health cost requests.
        app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            Predicate = r => !r.Tags.Contains(HealthParts.Tag),
        });
        app.Lifetime.ApplicationStarted.Register(() => DevHostBanner.Print(info, app.Services, Console.Out));
        return app;
    }

    /// <summary>Runs until Ctrl-C; a configuration or storage problem ends it with one line per problem and a non-zero code.</summary>
    public static async Task<int> RunDevHostAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            // As the Functions worker runs: invalid settings end it with one line each on stderr and in the log.
            return await app.RunRunwayRelayAsync();
        }
        catch (DevHostConfigurationException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return DevHostExitCodes.Configuration;
        }
        catch (DevHostStorageException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return DevHostExitCodes.Storage;
        }
    }
}
