using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RunwayRelay.Tests.Callbacks;

/// <summary>
/// The connect-time check through the production registration (<c>AddRunwayRelayOrchestration</c>) with a table in
/// place of DNS; the only sockets are on 127.0.0.1, so a refused address is never dialled and a bug would show as a
/// connection to the loopback listener.
/// </summary>
public sealed class CallbackConnectorTests
{
    private static readonly IPAddress Private = IPAddress.Parse("10.0.0.5");

    [Fact]
    public async Task SendAsync_NameResolvesToPrivateAddress_RefusedAtConnectWithoutConnecting()
    {
        using var listener = Listen();
        // The first address alone would be allowed (AllowLoopback): every address must be checked, not only the one dialled.
        var resolver = new TableResolver((_, _) => [IPAddress.Loopback, Private]);
        await using var sp = Build(resolver, allowLoopback: true);

        var result = await sp.GetRequiredService<CompletionCallbackSender>()
            .SendAsync(new Uri($"https://hooks.example.com:{Port(listener)}/done?token=abc"), "gen-1", "msg_1", Body, "application/json");

        Assert.Equal(CallbackAttemptOutcome.Refused, result.Outcome);
        Assert.Null(result.StatusCode);
        Assert.Contains("hooks.example.com resolves to a private address (10.0.0.0/8), 10.0.0.5", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("token", result.Error, StringComparison.Ordinal);
        Assert.Equal(["hooks.example.com"], resolver.Lookups);
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task SendAsync_NameResolvesToLoopbackWithoutAllowLoopback_RefusedAtConnectWithoutConnecting()
    {
        using var listener = Listen();
        var resolver = new TableResolver((_, _) => [IPAddress.Loopback]);
        await using var sp = Build(resolver, allowLoopback: false);

        var result = await sp.GetRequiredService<CompletionCallbackSender>()
            .SendAsync(new Uri($"https://rebound.example.com:{Port(listener)}/done"), "gen-1", "msg_1", Body, "application/json");

        Assert.Equal(CallbackAttemptOutcome.Refused, result.Outcome);
        Assert.Contains("resolves to a loopback address (127.0.0.0/8)", result.Error, StringComparison.Ordinal);
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task ConnectAsync_NameOnlyTheResolverKnows_ConnectsToTheCheckedAddress()
    {
        await using var server = NoContentServer.Start();
        var resolver = new TableResolver((_, _) => [IPAddress.Loopback]);
        await using var sp = Build(resolver, allowLoopback: true);
        using var http = new HttpClient(sp.GetRequiredService<CallbackConnector>().CreateHandler());

        // .invalid never resolves (RFC 6761), so an answer proves the socket went to the address the policy saw.
        using var response = await http.GetAsync(new Uri($"http://callback.invalid:{server.Port}/"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(["callback.invalid"], resolver.Lookups);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task ConnectAsync_NameRebindsToPrivateAddress_NextConnectionRefused()
    {
        await using var server = NoContentServer.Start();
        var resolver = new TableResolver((_, lookup) => lookup == 1 ? [IPAddress.Loopback] : [Private]);
        await using var sp = Build(resolver, allowLoopback: true);
        using var http = new HttpClient(sp.GetRequiredService<CallbackConnector>().CreateHandler());
        var url = new Uri($"http://callback.invalid:{server.Port}/");

        using var first = await http.GetAsync(url);
        var second = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(url));

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        var refused = Assert.IsType<CallbackAddressRefusedException>(second.InnerException);
        Assert.Equal(Private, refused.Address);
        Assert.Equal(CallbackAddressClass.Private, refused.Verdict.Class);
        Assert.Equal(2, resolver.Lookups.Count);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task CreateHandler_Registered_FollowsNoRedirectsAndUsesNoProxy()
    {
        await using var sp = Build(new TableResolver((_, _) => []), allowLoopback: false);

        using var handler = sp.GetRequiredService<CallbackConnector>().CreateHandler();

        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseProxy);
        Assert.NotNull(handler.ConnectCallback);
    }

    private static ServiceProvider Build(ICallbackHostResolver resolver, bool allowLoopback)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Callbacks:SigningSecret"] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            ["Callbacks:AllowLoopback"] = allowLoopback ? "true" : "false",
            ["Callbacks:Timeout"] = "00:00:10",
        }).Build());
        services.AddLogging();
        services.AddRunwayRelayOrchestration();
        services.AddSingleton(resolver);
        var sp = services.BuildServiceProvider();
        Assert.Equal(allowLoopback, sp.GetRequiredService<IOptions<CallbackOptions>>().Value.AllowLoopback);
        return sp;
    }

    private static byte[] Body { get; } = Encoding.UTF8.GetBytes("{\"type\":\"generation.completed\"}");

    private static TcpListener Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    private static int Port(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;

    private sealed class TableResolver(Func<string, int, IPAddress[]> table) : ICallbackHostResolver
    {
        public ConcurrentQueue<string> LookupQueue { get; } = new();
        public IReadOnlyList<string> Lookups => [.. LookupQueue];

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            LookupQueue.Enqueue(host);
            return Task.FromResult(table(host, LookupQueue.Count));
        }
    }

    /// <summary>An HTTP/1.1 server on 127.0.0.1 that answers every request 204 and closes the connection.</summary>
    private sealed class NoContentServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = Listen();
        private readonly CancellationTokenSource _stop = new();
        private Task _loop = Task.CompletedTask;
        private int _connections;

        public int Port => CallbackConnectorTests.Port(_listener);
        public int Connections => Volatile.Read(ref _connections);

        public static NoContentServer Start()
        {
            var server = new NoContentServer();
            server._loop = server.RunAsync();
            return server;
        }

        private async Task RunAsync()
        {
            try
            {
                while (true)
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    Interlocked.Increment(ref _connections);
                    var stream = client.GetStream();
                    var request = new StringBuilder();
                    var buffer = new byte[1024];
                    while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                    {
                        int read = await stream.ReadAsync(buffer, _stop.Token);
                        if (read == 0)
                        {
                            break;
                        }
                        request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    }
                    await stream.WriteAsync("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"u8.ToArray(), _stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _loop;
            _stop.Dispose();
        }
    }
}
