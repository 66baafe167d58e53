using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RunwayRelay.Emulator;

namespace RunwayRelay.Benchmarks;

/// <summary>
/// What a user runs locally, each part real: a private Azurite, the emulator (in this process, over HTTP), the built
/// DevHost in its own process (stopped by PID) and a loopback callback receiver that notes when each generation ended.
/// </summary>
internal sealed class DevHostStack : IAsyncDisposable
{
    private readonly Process _devHost;
    private readonly WebApplication _receiver;
    private readonly ConcurrentQueue<string> _output = new();

    private DevHostStack(LocalAzurite azurite, RunwayEmulatorServer runway, Process devHost, WebApplication receiver, Uri url, Uri callbackUrl)
    {
        Azurite = azurite;
        Runway = runway;
        _devHost = devHost;
        _receiver = receiver;
        Url = url;
        CallbackUrl = callbackUrl;
        Http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 256 }) { BaseAddress = url, Timeout = TimeSpan.FromMinutes(2) };
        devHost.OutputDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        devHost.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        devHost.BeginOutputReadLine();
        devHost.BeginErrorReadLine();
    }

    public LocalAzurite Azurite { get; }

    public RunwayEmulatorServer Runway { get; }

    public Uri Url { get; }

    public Uri CallbackUrl { get; }

    public HttpClient Http { get; }

    public int DevHostPid => _devHost.Id;

    public string TaskHub { get; private init; } = "";

    /// <summary>Generation id → when its callback arrived.</summary>
    public ConcurrentDictionary<string, DateTimeOffset> Ended { get; } = new();

    public string Output => string.Join('\n', _output);

    public static async Task<DevHostStack> StartAsync(string root, EmulatorOptions emulator, IReadOnlyDictionary<string, string?> settings, bool countRequests)
    {
        var azurite = await LocalAzurite.StartAsync(root, countRequests);
        var runway = await RunwayEmulatorServer.StartAsync(emulator);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var receiver = builder.Build();
        DevHostStack? self = null;
        receiver.MapPost("/hooks/done", async (HttpRequest request) =>
        {
            var notice = await JsonDocument.ParseAsync(request.Body);
            // A Standard Webhooks event: {type, timestamp, data}; data is the completion notice.
            string id = notice.RootElement.GetProperty("data").GetProperty("generationId").GetString()!;
            self!.Ended.TryAdd(id, DateTimeOffset.UtcNow);
            return Results.NoContent();
        });
        await receiver.StartAsync();
        var callback = new Uri(receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/hooks/done");

        string hub = "bench" + Guid.NewGuid().ToString("N")[..10];
        var url = new Uri($"http://127.0.0.1:{LocalAzurite.FreePort()}");
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = azurite.Location,
        };
        start.ArgumentList.Add(Path.Combine(root, "src", "RunwayRelay.DevHost", "bin", "Release", "net10.0", "RunwayRelay.DevHost.dll"));
        foreach (string name in new[] { "RUNWAYML_BASE_URL", "RUNWAYML_API_SECRET", "AzureWebJobsStorage", "VideoStorage", "DEVHOST_URL" })
        {
            start.Environment.Remove(name);
        }
        start.Environment["DEVHOST_URL"] = url.ToString();
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["AzureWebJobsStorage"] = azurite.ConnectionString;
        start.Environment["RUNWAYML_BASE_URL"] = runway.BaseUrl.ToString();
        start.Environment["RUNWAYML_API_SECRET"] = runway.ApiKey;
        start.Environment["DevHost__TaskHub"] = hub;
        start.Environment["DevHost__DataDirectory"] = Path.Combine(azurite.Location, "devhost");
        start.Environment["DevHost__InboxScanInterval"] = "00:00:00";
        start.Environment["Callbacks__AllowLoopback"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }
        var devHost = Process.Start(start) ?? throw new InvalidOperationException("the DevHost did not start");
        ChildProcesses.Track(devHost);
        self = new DevHostStack(azurite, runway, devHost, receiver, url, callback) { TaskHub = hub };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            if (devHost.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"the DevHost did not get healthy:\n{self.Output}");
            }
            try
            {
                using var health = await self.Http.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (health.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_devHost.HasExited)
        {
            _devHost.Kill(entireProcessTree: true);
            await _devHost.WaitForExitAsync();
        }
        ChildProcesses.Forget(_devHost);
        _devHost.Dispose();
        Http.Dispose();
        await _receiver.StopAsync();
        await _receiver.DisposeAsync();
        await Runway.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
