using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RunwayRelay.Callbacks;
using RunwayRelay.Generations;
using RunwayRelay.IntegrationTests.Infrastructure;
using RunwayRelay.Orchestration;

namespace RunwayRelay.IntegrationTests.Orchestration;

[Collection(AzuriteCollection.Name)]
public sealed class CallbackTests(AzuriteFixture azurite)
{
    private const string Secret = "test-signing-secret";

    [Fact]
    public async Task Orchestration_WithCallbackUrl_PostsSignedNoticeAfterFirstFailure()
    {
        await using var receiver = await Receiver.StartAsync(failFirst: 1);
        await using var host = await GenerationHost.StartAsync(azurite.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Callbacks:SigningSecret"] = Secret,
            ["Callbacks:AllowLoopback"] = "true",
        });
        var input = GenerationHost.Input(callback: new Uri(receiver.Url, "hooks/done?token=abc"));

        var meta = await host.RunAsync(input);

        var outcome = meta.ReadOutputAs<GenerationOutcome>()!;
        Assert.Equal(GenerationPhase.Succeeded, outcome.Status);
        Assert.Equal(2, receiver.Received.Count); // a 503 first, retried by the durable policy
        var (body, signature) = receiver.Received.Last();
        Assert.True(CallbackSignature.Verify(Secret, signature, body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        Assert.False(CallbackSignature.Verify("wrong-secret", signature, body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        var notice = JsonSerializer.Deserialize<CompletionNotice>(body, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(input.GenerationId, notice.GenerationId);
        Assert.Equal(GenerationPhase.Succeeded, notice.Status);
        Assert.Equal(outcome.Videos, notice.Videos);
    }

    [Fact]
    public async Task Orchestration_LoopbackCallbackNotAllowed_SucceedsWithoutCalling()
    {
        await using var receiver = await Receiver.StartAsync(failFirst: 0);
        await using var host = await GenerationHost.StartAsync(azurite.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Callbacks:SigningSecret"] = Secret,
        });
        var input = GenerationHost.Input(callback: new Uri(receiver.Url, "hooks/done"));

        var meta = await host.RunAsync(input);

        Assert.Equal(GenerationPhase.Succeeded, meta.ReadOutputAs<GenerationOutcome>()!.Status);
        Assert.Empty(receiver.Received);
    }

    /// <summary>A webhook receiver on 127.0.0.1 that answers 503 to its first N calls.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Receiver(WebApplication app, Uri url)
        {
            _app = app;
            Url = url;
        }

        public Uri Url { get; }
        public ConcurrentQueue<(byte[] Body, string? Signature)> Received { get; } = new();

        public static async Task<Receiver> StartAsync(int failFirst)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            Receiver? self = null;
            int calls = 0;
            app.MapPost("/hooks/done", async (HttpRequest request) =>
            {
                using var buffer = new MemoryStream();
                await request.Body.CopyToAsync(buffer);
                self!.Received.Enqueue((buffer.ToArray(), request.Headers[CallbackSignature.HeaderName].ToString()));
                return Interlocked.Increment(ref calls) <= failFirst ? Results.StatusCode(503) : Results.NoContent();
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            self = new Receiver(app, new Uri(address.TrimEnd('/') + "/"));
            return self;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
