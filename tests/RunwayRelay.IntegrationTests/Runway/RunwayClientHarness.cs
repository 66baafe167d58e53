using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using RunwayRelay.ApiKeys;

namespace RunwayRelay.IntegrationTests.Runway;

/// <summary>
/// The production registration (<see cref="RunwayServiceCollectionExtensions.AddRunwayClient"/>) pointed at a base URL, with
/// test-sized retry delays and every log line captured (Trace and up) so tests can check the key never leaks.
/// </summary>
internal sealed class RunwayClientHarness(ServiceProvider services, IConfigurationRoot configuration) : IDisposable
{
    public IConfigurationRoot Configuration { get; } = configuration;

    public IRunwayClient Client => services.GetRequiredService<IRunwayClient>();

    public IRunwayApiKeyProvider Keys => services.GetRequiredService<IRunwayApiKeyProvider>();

    public FakeLogCollector Logs => services.GetFakeLogCollector();

    public static string NewKey() => "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(64));

    public static RunwayClientHarness Create(Uri baseUrl, string? apiKey, IDictionary<string, string?>? settings = null,
        IRunwaySecretClientFactory? vault = null, IRunwayApiKeyProvider? keyProvider = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Runway:BaseUrl"] = baseUrl.ToString(),
            ["RUNWAYML_API_SECRET"] = apiKey,
            ["Runway:RetryBaseDelay"] = "00:00:00.020",
            ["Runway:MaxRetryDelay"] = "00:00:00.500",
            ["Runway:MaxRetryAttempts"] = "3",
            ["Runway:RequestTimeout"] = "00:00:05",
            ["Runway:TotalRequestTimeout"] = "00:00:20",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            values[k] = v;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        if (vault is not null)
        {
            services.AddSingleton(vault);
        }
        if (keyProvider is not null)
        {
            services.AddSingleton(keyProvider);
        }
        services.AddRunwayClient();
        return new RunwayClientHarness(services.BuildServiceProvider(), configuration);
    }

    /// <summary>Every captured log line, fully rendered: message, structured values, scopes and exceptions.</summary>
    public IEnumerable<string> RenderedLogs() => Logs.GetSnapshot().Select(r =>
        string.Join(" | ", new[] { r.Level.ToString(), r.Category ?? "", r.Message, r.Exception?.ToString() ?? "" }
            .Concat(r.StructuredState?.Select(kv => $"{kv.Key}={kv.Value}") ?? [])
            .Concat(r.Scopes.Select(s => s?.ToString() ?? ""))));

    /// <summary>Submits <paramref name="request"/> and follows the task to its end.</summary>
    public async Task<(RunwayTaskCreated Created, RunwayTask Task)> RunToEndAsync(RunwayGenerationRequest request)
    {
        var created = await Client.CreateTaskAsync(request);
        return (created, await WaitForTerminalAsync(created.Id));
    }

    /// <summary>Puts <paramref name="key"/> where the key provider reads it when no vault is configured (a rotation in the environment).</summary>
    public void SetEnvironmentKey(string key) => Configuration[RunwayApiKeyProvider.EnvironmentVariable] = key;

    /// <summary>Polls until the task reaches a terminal status (the emulator runs at a small time scale).</summary>
    public async Task<RunwayTask> WaitForTerminalAsync(string taskId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var task = await Client.GetTaskAsync(taskId, timeout.Token);
            if (RunwayTaskStatus.IsTerminal(task.Status))
            {
                return task;
            }
            await Task.Delay(20, timeout.Token);
        }
    }

    public void Dispose() => services.Dispose();
}
