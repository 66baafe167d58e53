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

/// <summary>One call a <see cref="CallbackReceiver"/> took: the raw body, its Standard Webhooks headers, when it came.</summary>
internal sealed record ReceivedCallback(byte[] Body, string? Id, string? Timestamp, string? Signature, string? ContentType, DateTimeOffset At)
{
    /// <summary>The webhook headers as a receiver would hand them to a verifying library.</summary>
    public Dictionary<string, string> Headers => new()
    {
        [WebhookHeaders.Id] = Id ?? "",
        [WebhookHeaders.Timestamp] = Timestamp ?? "",
        [WebhookHeaders.Signature] = Signature ?? "",
    };
}

/// <summary>
/// A webhook receiver on 127.0.0.1 answering each call with the next of a script of statuses (then 204), optionally
/// with a <c>Retry-After</c>.
/// </summary>
internal sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CallbackReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }
    public ConcurrentQueue<ReceivedCallback> Received { get; } = new();

    /// <summary>The Content-Type of each call, in the order of <see cref="Received"/>.</summary>
    public IEnumerable<string?> ContentTypes => Received.Select(r => r.ContentType);

    /// <summary>503 to the first <paramref name="failFirst"/> calls, then 204.</summary>
    public static Task<CallbackReceiver> StartAsync(int failFirst) => StartAsync(call => call <= failFirst ? 503 : 204);

    /// <summary>The statuses in turn, then 204.</summary>
    public static Task<CallbackReceiver> StartAsync(int[] statuses, string? retryAfter = null) =>
        StartAsync(call => call <= statuses.Length ? statuses[call - 1] : 204, retryAfter);

    /// <summary>Answers call n (from 1) with <paramref name="statusFor"/>(n); a Retry-After with every answer but 204.</summary>
    public static async Task<CallbackReceiver> StartAsync(Func<int, int> statusFor, string? retryAfter = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        CallbackReceiver? self = null;
        int calls = 0;
        app.MapPost("/hooks/{**path}", async (HttpRequest request, HttpResponse response) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            self!.Received.Enqueue(new ReceivedCallback(buffer.ToArray(), Header(request, WebhookHeaders.Id), Header(request, WebhookHeaders.Timestamp),
                Header(request, WebhookHeaders.Signature), request.ContentType, DateTimeOffset.UtcNow));
            int status = statusFor(Interlocked.Increment(ref calls));
            if (retryAfter is not null && status != 204)
            {
                response.Headers.RetryAfter = retryAfter;
            }
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new CallbackReceiver(app, new Uri(address.TrimEnd('/') + "/"));
        return self;
    }

    /// <summary>Waits until <paramref name="count"/> calls came (or 30 s passed) and returns them all.</summary>
    public async Task<IReadOnlyList<ReceivedCallback>> WaitForAsync(int count, TimeSpan? wait = null)
    {
        var until = DateTime.UtcNow + (wait ?? TimeSpan.FromSeconds(30));
        while (Received.Count < count && DateTime.UtcNow < until)
        {
            await Task.Delay(25);
        }
        return [.. Received];
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value.ToString() : null;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
