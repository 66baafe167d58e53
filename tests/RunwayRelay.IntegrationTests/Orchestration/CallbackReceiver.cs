using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RunwayRelay.Callbacks;

namespace RunwayRelay.IntegrationTests.Orchestration;

/// <summary>A webhook receiver on 127.0.0.1 that answers 503 to its first N calls.</summary>
internal sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CallbackReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }
    public ConcurrentQueue<(byte[] Body, string? Signature)> Received { get; } = new();

    /// <summary>The Content-Type of each call, in the order of <see cref="Received"/>.</summary>
    public ConcurrentQueue<string?> ContentTypes { get; } = new();

    public static async Task<CallbackReceiver> StartAsync(int failFirst)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        CallbackReceiver? self = null;
        int calls = 0;
        app.MapPost("/hooks/done", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            self!.ContentTypes.Enqueue(request.ContentType);
            self.Received.Enqueue((buffer.ToArray(), request.Headers[CallbackSignature.HeaderName].ToString()));
            return Interlocked.Increment(ref calls) <= failFirst ? Results.StatusCode(503) : Results.NoContent();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new CallbackReceiver(app, new Uri(address.TrimEnd('/') + "/"));
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
