using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using RunwayRelay.Health;
using RunwayRelay.Hosting;

namespace RunwayRelay.IntegrationTests.Orchestration;

/// <summary>
/// The production registrations (<c>AddRunwayRelayOrchestration</c> + <c>AddRunwayRelayTasks</c>, or the whole
/// <c>AddRunwayRelay</c> behind the HTTP API) on the in-memory durable engine, talking to a real emulator over HTTP and to
/// Azurite, with every log line captured.
/// </summary>
internal sealed class GenerationHost : IAsyncDisposable
{
    private readonly IHost _host;

    private GenerationHost(IHost host, RunwayEmulatorServer emulator, string container, string submissions, Uri? apiBaseAddress)
    {
        _host = host;
        ApiBaseAddress = apiBaseAddress;
        Emulator = emulator;
        OutputContainerName = container;
        SubmissionsContainerName = submissions;
    }

    public RunwayEmulatorServer Emulator { get; }

    /// <summary>Where the HTTP API listens (<see cref="StartWebAsync"/> only).</summary>
    public Uri? ApiBaseAddress { get; }
    public string OutputContainerName { get; }
    public string SubmissionsContainerName { get; }
    public IServiceProvider Services => _host.Services;
    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();
    public FakeLogCollector Logs => _host.Services.GetFakeLogCollector();
    public RecordingDataConverter Payloads => (RecordingDataConverter)_host.Services.GetRequiredService<DataConverter>();

    public static async Task<GenerationHost> StartAsync(string storageConnection, EmulatorOptions? emulatorOptions = null,
        IDictionary<string, string?>? settings = null)
    {
        var emulator = await RunwayEmulatorServer.StartAsync(emulatorOptions ?? new EmulatorOptions { TimeScale = 0.001 });
        var (container, submissions) = NewContainerNames();

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production, DisableDefaults = true });
        Configure(builder, emulator, storageConnection, container, submissions, settings);
        builder.Services.AddRunwayRelayOrchestration();
        var host = builder.Build();
        await host.StartAsync();
        return new GenerationHost(host, emulator, container, submissions, apiBaseAddress: null);
    }

    /// <summary>
    /// The same engine, emulator and storage behind the real HTTP API: a Kestrel <c>WebApplication</c> on 127.0.0.1 (free
    /// port) with <c>AddRunwayRelay()</c>, <c>MapGenerationsApi()</c> and <c>MapRunwayRelayHealth()</c>, as the DevHost
    /// wires them. <paramref name="services"/> runs before <c>AddRunwayRelay()</c>, so its registrations win over TryAdd defaults.
    /// </summary>
    public static async Task<GenerationHost> StartWebAsync(string storageConnection, EmulatorOptions? emulatorOptions = null,
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var emulator = await RunwayEmulatorServer.StartAsync(emulatorOptions ?? new EmulatorOptions { TimeScale = 0.001 });
        var (container, submissions) = NewContainerNames();

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        // Only the settings below: no appsettings files or environment variables from the machine running the tests.
        builder.Configuration.Sources.Clear();
        Configure(builder, emulator, storageConnection, container, submissions, settings);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        services?.Invoke(builder.Services);
        builder.AddRunwayRelay();
        var app = builder.Build();
        app.MapGenerationsApi();
        app.MapRunwayRelayHealth();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new GenerationHost(app, emulator, container, submissions, new Uri(address));
    }

    private static (string Container, string Submissions) NewContainerNames()
    {
        string suffix = Guid.NewGuid().ToString("N")[..10];
        return ("videos-" + suffix, "submissions-" + suffix);
    }

    private static void Configure(IHostApplicationBuilder builder, RunwayEmulatorServer emulator, string storageConnection,
        string container, string submissions, IDictionary<string, string?>? settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Runway:BaseUrl"] = emulator.BaseUrl.ToString(),
            ["RUNWAYML_API_SECRET"] = emulator.ApiKey,
            ["Runway:RetryBaseDelay"] = "00:00:00.020",
            ["Runway:MaxRetryDelay"] = "00:00:00.200",
            ["VideoStorage"] = storageConnection,
            ["Output:Container"] = container,
            ["Output:SubmissionsContainer"] = submissions,
            ["Output:PayloadsContainer"] = "payloads-" + container["videos-".Length..],
            // Polling in milliseconds so a generation at emulator time scale 0.001 finishes in well under a second.
            ["Runway:PollInterval"] = "00:00:00.050",
            ["Runway:MaxPollInterval"] = "00:00:00.200",
            ["Runway:Timeout"] = "00:00:30",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            values[k] = v;
        }
        builder.Configuration.AddInMemoryCollection(values);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddFakeLogging();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton<DataConverter>(new RecordingDataConverter());
        // Left to itself the test host picks a random port in 30000-40000 without checking it is free, which collides
        // with ports the kernel hands to parallel tests; a port just found free does not.
        builder.Services.AddInMemoryDurableTask(tasks => tasks.AddRunwayRelayTasks(), new InMemoryDurableTaskOptions { Port = FreePort.Next() });
    }

    /// <summary>A text_to_video generation with an output name of its own, as the HTTP API would accept it.</summary>
    public static GenerationDraft Input(string prompt = "a lighthouse at dusk", Uri? callback = null)
    {
        string id = "gen-" + Guid.NewGuid().ToString("N")[..12];
        return new GenerationDraft(id, new TextToVideoRequest { Model = "gen4.5", PromptText = prompt, Ratio = "1280:720", Duration = 5 },
            id + ".mp4", callback);
    }

    /// <summary>Schedules through the production <see cref="GenerationScheduler"/> (name reservation, payload store) and waits for the end.</summary>
    public async Task<OrchestrationMetadata> RunAsync(GenerationDraft draft, TimeSpan? wait = null)
    {
        await ScheduleAsync(draft);
        return await WaitAsync(draft.GenerationId, wait);
    }

    public async Task<GenerationInput> ScheduleAsync(GenerationDraft draft)
    {
        var result = await Services.GetRequiredService<GenerationScheduler>().ScheduleAsync(Client, draft, OutputNamePolicy.Exact);
        return Assert.IsType<Scheduled>(result).Input;
    }

    /// <summary>What the scheduler stores before an orchestration starts, for tests that run an activity on its own.</summary>
    public Task StorePayloadAsync(GenerationDraft draft) =>
        Services.GetRequiredService<GenerationPayloadStore>().TryCreateAsync(draft.GenerationId,
            new GenerationPayload(draft.Request, "test", draft.CallbackUrl, draft.Image));

    public string PayloadsContainerName => "payloads-" + OutputContainerName["videos-".Length..];

    public async Task<OrchestrationMetadata> WaitAsync(string instanceId, TimeSpan? wait = null)
    {
        using var cts = new CancellationTokenSource(wait ?? TimeSpan.FromSeconds(60));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);
    }

    public BlobContainerClient OutputContainer =>
        Services.GetRequiredKeyedService<BlobServiceClient>(RunwayRelay.Storage.VideoStorageClientFactory.ConnectionName).GetBlobContainerClient(OutputContainerName);

    /// <summary>SHA-256 of what the emulator serves for the task's first output, fetched independently of the copy code.</summary>
    public async Task<(string Sha256, long Length)> EmulatorOutputAsync(string taskId)
    {
        var task = await Services.GetRequiredService<RunwayClient>().GetTaskAsync(taskId);
        using var http = new HttpClient();
        byte[] bytes = await http.GetByteArrayAsync(task.Output![0]);
        return (Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.LongLength);
    }

    public async Task<(string Sha256, long Length)> BlobAsync(string name)
    {
        var content = await OutputContainer.GetBlobClient(name).DownloadContentAsync();
        byte[] bytes = content.Value.Content.ToArray();
        return (Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.LongLength);
    }

    /// <summary>A client for the HTTP API over loopback, never through a proxy.</summary>
    public HttpClient CreateApiClient() =>
        new(new SocketsHttpHandler { UseProxy = false })
        {
            BaseAddress = ApiBaseAddress ?? throw new InvalidOperationException("Start the host with StartWebAsync to call the HTTP API."),
            Timeout = TimeSpan.FromSeconds(30),
        };

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        if (_host is IAsyncDisposable asyncHost)
        {
            await asyncHost.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
        await Emulator.DisposeAsync();
    }
}
