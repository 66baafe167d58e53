using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;

namespace RunwayRelay.IntegrationTests.DevHost;

/// <summary>
/// The DevHost as users run it: its own process (the built RunwayRelay.DevHost.dll), configured only through
/// environment variables, on a free loopback port, stopped by PID. Every output line is kept for log assertions.
/// </summary>
internal sealed class DevHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private DevHostProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
        Http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The generation request the DevHost tests send: the emulator finishes it in about a second at time scale 0.02.</summary>
    public static object TextToVideo { get; } = new
    {
        endpoint = "text_to_video", model = "gen4.5", promptText = "a lighthouse at dusk", ratio = "1280:720", duration = 5,
    };

    public Uri Url { get; }

    public HttpClient Http { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output => string.Join('\n', _output);

    /// <summary>
    /// Settings every test shares: its own task hub and containers, fast polling, a private data directory; and the
    /// given emulator as Runway (without one, the DevHost embeds its own).
    /// </summary>
    public static Dictionary<string, string?> Settings(string storageConnection, RunwayEmulatorServer? runway = null)
    {
        string suffix = Guid.NewGuid().ToString("N")[..10];
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storageConnection,
            ["DevHost__TaskHub"] = "devhost" + suffix,
            ["DevHost__MaxQueuePollingInterval"] = "00:00:00.200",
            ["DevHost__InboxScanInterval"] = "00:00:00.500",
            ["DevHost__DataDirectory"] = Path.Combine(Path.GetTempPath(), "runwayrelay-devhost-" + suffix),
            ["Output__Container"] = "videos-" + suffix,
            ["Output__SubmissionsContainer"] = "submissions-" + suffix,
            ["Input__Container"] = "inbox-" + suffix,
            ["Runway__PollInterval"] = "00:00:00.200",
            ["Runway__MaxPollInterval"] = "00:00:00.500",
            ["Runway__RetryBaseDelay"] = "00:00:00.020",
            ["Runway__MaxRetryDelay"] = "00:00:00.200",
        };
        if (runway is not null)
        {
            settings["RUNWAYML_BASE_URL"] = runway.BaseUrl.ToString();
            settings["RUNWAYML_API_SECRET"] = runway.ApiKey;
        }
        return settings;
    }

    /// <summary>Starts the process; returns once <c>/healthz</c> answers, or throws with its output.</summary>
    public static async Task<DevHostProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, bool waitUntilHealthy = true)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "RunwayRelay.DevHost.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        // Nothing from the test runner's environment may leak in and pick another Runway or storage.
        foreach (string name in new[] { "RUNWAYML_BASE_URL", "RUNWAYML_API_SECRET", "AzureWebJobsStorage", "VideoStorage", "DEVHOST_URL" })
        {
            start.Environment.Remove(name);
        }
        start.Environment["DEVHOST_URL"] = url.ToString();
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("the DevHost did not start");
        var host = new DevHostProcess(process, url);
        if (waitUntilHealthy)
        {
            await host.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        }
        return host;
    }

    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the DevHost exited ({_process.ExitCode}):\n{Output}");
            }
            try
            {
                using var health = await Http.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the DevHost was not healthy within {timeout}:\n{Output}");
    }

    public async Task<JsonElement> StartGenerationAsync(object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/generations", UriKind.Relative)) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        using var response = await Http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != System.Net.HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST answered {(int)response.StatusCode}: {text}");
        }
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Follows the status URL until it stops answering 202, or until <paramref name="until"/> holds for a 202 body.</summary>
    public async Task<(int Status, JsonElement Body)> FollowAsync(string id, TimeSpan timeout, Func<JsonElement, bool>? until = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var response = await Http.GetAsync(new Uri($"/api/generations/{id}", UriKind.Relative));
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            int status = (int)response.StatusCode;
            if (status != 202 || (until is not null && until(body)))
            {
                return (status, body);
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"generation {id} still {body} after {timeout}:\n{Output}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Kills the process tree at once, as a crash or a power cut would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Http.Dispose();
        _process.Dispose();
    }
}
