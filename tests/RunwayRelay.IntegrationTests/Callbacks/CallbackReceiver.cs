using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RunwayRelay.IntegrationTests.Callbacks;

/// <summary>
/// A webhook receiver on 127.0.0.1 answering each call with the next of a script of statuses (then 204), optionally
/// with a <c>Retry-After</c>.
/// </summary>
internal sealed class CallbackReceiver : IAsyncDisposable
{
    private ScriptedHttpServer _server = null!;

    private CallbackReceiver()
    {
    }

    public Uri Url => _server.Url;
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
        var self = new CallbackReceiver();
        int calls = 0;
        self._server = await ScriptedHttpServer.StartAsync(app => app.MapPost("/hooks/{**path}", async (HttpRequest request, HttpResponse response) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            self.Received.Enqueue(new ReceivedCallback(buffer.ToArray(), Header(request, WebhookHeaders.Id), Header(request, WebhookHeaders.Timestamp),
                Header(request, WebhookHeaders.Signature), request.ContentType, DateTimeOffset.UtcNow));
            int status = statusFor(Interlocked.Increment(ref calls));
            if (retryAfter is not null && status != 204)
            {
                response.Headers.RetryAfter = retryAfter;
            }
            return Results.StatusCode(status);
        }));
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

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
