using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RunwayRelay.Common;

namespace RunwayRelay.IntegrationTests.Infrastructure;

/// <summary>
/// A Kestrel server on 127.0.0.1 (free port) answering with the test's own handler or routes: the one loopback server
/// the test doubles (scripted Runway answers, webhook receivers, a host app embedding the emulator) are built on.
/// </summary>
internal sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScriptedHttpServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The server's root, with a trailing slash so relative paths resolve below it.</summary>
    public Uri Url { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Every request, whatever its method and path, goes to <paramref name="handler"/>.</summary>
    public static Task<ScriptedHttpServer> StartAsync(RequestDelegate handler) => StartAsync(app => app.Run(handler));

    /// <summary>Only the routes <paramref name="map"/> maps answer (anything else is 404), with <paramref name="services"/> registered first.</summary>
    public static async Task<ScriptedHttpServer> StartAsync(Action<WebApplication> map, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = Environments.Production });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        services?.Invoke(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new ScriptedHttpServer(app, UriPaths.WithTrailingSlash(new Uri(address)));
    }

    /// <summary>Waits until the client goes away (or the server stops) without sending anything more.</summary>
    public static async Task StallAsync(HttpContext http)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, http.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // the client gave up, as it should
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
