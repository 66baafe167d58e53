using Microsoft.AspNetCore.Builder;

namespace RunwayRelay.IntegrationTests.Emulator;

/// <summary>
/// The emulator embedded under a prefix in a host app of the test's own, as the DevHost embeds it, with tasks that
/// finish in 50 ms, and one key for every call.
/// </summary>
internal sealed class HostedEmulator : IAsyncDisposable
{
    public const string Version = "2024-11-06";

    private readonly ScriptedHttpServer _server;

    private HostedEmulator(ScriptedHttpServer server)
    {
        _server = server;
        Http = new HttpClient { BaseAddress = server.Url };
    }

    public Uri Url => _server.Url;

    public HttpClient Http { get; }

    public string Key { get; } = RunwayEmulatorServer.CreateApiKey();

    public RunwayEmulatorControl Control => _server.Services.GetRequiredService<RunwayEmulatorControl>();

    /// <param name="alsoMap">The host app's own routes, mapped before the emulator's.</param>
    public static async Task<HostedEmulator> StartAsync(string prefix, bool includeAdmin = true, Action<WebApplication>? alsoMap = null) =>
        new(await ScriptedHttpServer.StartAsync(
            app =>
            {
                alsoMap?.Invoke(app);
                app.MapRunwayEmulator(prefix, includeAdmin);
            },
            services => services.AddRunwayEmulator(o =>
            {
                o.QueueTime = TimeSpan.Zero;
                o.GenerationTime = TimeSpan.FromMilliseconds(50);
            })));

    /// <summary>A call to the emulated Runway API with <see cref="Key"/> and the API version header.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {Key}");
        request.Headers.TryAddWithoutValidation("X-Runway-Version", Version);
        return await Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _server.DisposeAsync();
    }
}
