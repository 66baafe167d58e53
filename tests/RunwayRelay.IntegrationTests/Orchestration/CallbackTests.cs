using System.Text.Json;
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
        await using var receiver = await CallbackReceiver.StartAsync(failFirst: 1);
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
        await using var receiver = await CallbackReceiver.StartAsync(failFirst: 0);
        await using var host = await GenerationHost.StartAsync(azurite.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Callbacks:SigningSecret"] = Secret,
        });
        var input = GenerationHost.Input(callback: new Uri(receiver.Url, "hooks/done"));

        var meta = await host.RunAsync(input);

        Assert.Equal(GenerationPhase.Succeeded, meta.ReadOutputAs<GenerationOutcome>()!.Status);
        Assert.Empty(receiver.Received);
    }
}
