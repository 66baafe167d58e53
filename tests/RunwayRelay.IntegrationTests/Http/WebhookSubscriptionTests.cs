using static RunwayRelay.IntegrationTests.Http.HttpApi;

namespace RunwayRelay.IntegrationTests.Http;

/// <summary>
/// The Logic Apps HTTP Webhook pair over real HTTP: a Kestrel host with <c>MapGenerationsApi()</c>, the real durable
/// engine, the emulator and Azurite, and a loopback receiver standing in for the workflow's <c>listCallbackUrl()</c>.
/// </summary>
public sealed class WebhookSubscriptionTests(AzuriteFixture azurite) : AzuriteTestBase(azurite)
{
    private const string Secret = StandardWebhooksNode.Secret;

    /// <summary>What a Logic Apps callback URL carries in its query; it must show up nowhere but in the payload store.</summary>
    private const string Token = "sig-0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    private static readonly Dictionary<string, string?> SignedLoopbackCallbacks = new()
    {
        ["Callbacks:SigningSecret"] = Secret,
        ["Callbacks:AllowLoopback"] = "true",
    };

    private Task<GenerationHost> StartAsync(double timeScale = 0.001, Action<EmulatorOptions>? emulator = null) =>
        HttpApi.StartAsync(Azurite, timeScale, SignedLoopbackCallbacks, emulator);

    /// <summary>A workflow's run: the receiver behind its callback URL (named <paramref name="run"/>), the host and a client.</summary>
    private async Task<Webhook> StartWebhookAsync(string run, double timeScale = 0.001, Action<EmulatorOptions>? emulator = null)
    {
        var receiver = await CallbackReceiver.StartAsync(failFirst: 0);
        var host = await StartAsync(timeScale, emulator);
        return new Webhook(receiver, host, host.CreateApiClient(), CallbackUrl(receiver, run));
    }

    private sealed record Webhook(CallbackReceiver Receiver, GenerationHost Host, HttpClient Http, Uri CallbackUrl) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Host.DisposeAsync();
            await Receiver.DisposeAsync();
        }
    }

    [Fact]
    public async Task Subscribe_GenerationSucceeds_CallbackGetsSignedBodyOfGet()
    {
        await using var webhook = await StartWebhookAsync("run-1");
        var (receiver, host, http, callbackUrl) = webhook;

        using var accepted = await SubscribeAsync(http, Body(callbackUrl));

        // 201 with Location: the webhook trigger of the Power Platform connector needs it so (docs/power-platform.md).
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var body = await JsonAsync(accepted);
        string id = body.GetProperty("id").GetString()!;
        Assert.Equal(GenerationIds.FromCallbackUrl(callbackUrl), id);
        Assert.StartsWith("w-", id, StringComparison.Ordinal);
        Assert.Equal(nameof(GenerationPhase.Accepted), body.GetProperty("status").GetString());
        var statusUrl = new Uri(host.ApiBaseAddress!, "/api/generations/" + id);
        Assert.Equal(statusUrl, new Uri(body.GetProperty("statusUrl").GetString()!));
        Assert.Equal(statusUrl, accepted.Headers.Location);
        Assert.NotNull(accepted.Headers.RetryAfter);

        var delivered = await WaitForCallbackAsync(receiver, host);
        var callback = delivered.Body;
        using var get = await http.GetAsync(statusUrl);

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var expected = await JsonAsync(get);
        var received = Parse(callback);
        Assert.Equal(nameof(GenerationPhase.Succeeded), received.GetProperty("status").GetString());
        Assert.Equal(id, received.GetProperty("id").GetString());
        Assert.False(received.TryGetProperty("completedAt", out _), "the callback must be the GET body, not the CompletionNotice");
        Assert.False(received.TryGetProperty("type", out _), "Logic Apps reads the GET body: no Standard Webhooks envelope");
        // Same members and values, except the download SAS, which is made at each read, and the GET's own delivery state.
        Assert.Equal(WithoutDownloadUrls(WithoutCallback(expected)), WithoutDownloadUrls(received));
        Assert.True(expected.TryGetProperty("callback", out _), "the GET shows the delivery");
        Assert.Equal("application/json", receiver.ContentTypes.First()?.Split(';')[0]);
        // Verified by the spec's Node library, not by the code under test.
        Assert.Equal([null], await StandardWebhooksNode.VerifyAsync(Secret, [delivered]));
        Assert.NotNull(Assert.Single(await StandardWebhooksNode.VerifyAsync(StandardWebhooksNode.OtherSecret, [delivered])));
        Assert.Single(host.Emulator.Activity.Creates);
        AssertTokenNowhere(host);
    }

    [Fact]
    public async Task Subscribe_RetriedFiveTimesInParallel_CreatesOneRunwayTask()
    {
        await using var webhook = await StartWebhookAsync("run-retried");
        var (receiver, host, http, callbackUrl) = webhook;
        string body = Body(callbackUrl);

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => SubscribeAsync(http, body)));
        var ids = new List<string>();
        foreach (var answer in answers)
        {
            using (answer)
            {
                Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
                ids.Add((await JsonAsync(answer)).GetProperty("id").GetString()!);
            }
        }
        await WaitForCallbackAsync(receiver, host);
        using var again = await SubscribeAsync(http, body);

        Assert.Single(ids.Distinct());
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(ids[0], (await JsonAsync(again)).GetProperty("id").GetString());
        Assert.Single(host.Emulator.Activity.Creates);
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task Subscribe_SameCallbackUrlDifferentBody_Answers422AndStartsNothingNew()
    {
        await using var webhook = await StartWebhookAsync("run-reused");
        var (receiver, host, http, callbackUrl) = webhook;

        using var first = await SubscribeAsync(http, Body(callbackUrl));
        using var second = await SubscribeAsync(http, Body(callbackUrl, prompt: "a different prompt"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(GenerationIds.FromCallbackUrl(callbackUrl), (await ProblemAssert.HasAsync(second, 422)).GetProperty("id").GetString());
        await WaitForCallbackAsync(receiver, host);
        Assert.Single(host.Emulator.Activity.Creates);
    }

    [Fact]
    public async Task Subscribe_WithoutCallbackUrl_Answers400NamingIt()
    {
        await using var host = await StartAsync();
        using var http = host.CreateApiClient();

        using var answer = await SubscribeAsync(http, Body(callbackUrl: null));

        await ProblemAssert.HasAsync(answer, 400, fields: "callbackUrl");
        Assert.Empty(host.Emulator.Activity.Requests);
    }

    [Fact]
    public async Task Unsubscribe_DuringRun_CancelsRunwayTaskAndRepeatAnswers200()
    {
        await using var webhook = await StartWebhookAsync("run-cancelled", timeScale: 1);
        var (receiver, host, http, callbackUrl) = webhook;
        using var accepted = await SubscribeAsync(http, Body(callbackUrl));
        var statusUrl = accepted.Headers.Location!;
        string taskId = await WaitForRunwayTaskAsync(http, statusUrl);

        using var unsubscribe = await UnsubscribeAsync(http, callbackUrl);
        var callback = (await WaitForCallbackAsync(receiver, host)).Body;
        using var again = await UnsubscribeAsync(http, callbackUrl);

        Assert.Equal(HttpStatusCode.OK, unsubscribe.StatusCode);
        Assert.Equal("Cancelling", (await JsonAsync(unsubscribe)).GetProperty("status").GetString());
        Assert.Equal([taskId], host.Emulator.Activity.Deletes);
        var received = Parse(callback);
        Assert.Equal(nameof(GenerationPhase.Cancelled), received.GetProperty("generationStatus").GetString());
        Assert.Equal(GenerationErrorCodes.Cancelled, received.GetProperty("errorCode").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(nameof(GenerationPhase.Cancelled), (await JsonAsync(again)).GetProperty("status").GetString());
        Assert.Single(host.Emulator.Activity.Deletes);
        AssertTokenNowhere(host);
    }

    [Fact]
    public async Task Subscribe_DeleteOnItsLocation_CancelsTheGenerationAsThePowerPlatformTriggerUnsubscribes()
    {
        // The connector's webhook trigger unsubscribes with DELETE on the subscribe's Location, not with /unsubscribe.
        await using var webhook = await StartWebhookAsync("run-trigger-removed", timeScale: 1);
        var (receiver, host, http, callbackUrl) = webhook;
        using var created = await SubscribeAsync(http, Body(callbackUrl));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!;
        string taskId = await WaitForRunwayTaskAsync(http, location);

        using var delete = await http.DeleteAsync(location);
        var callback = (await WaitForCallbackAsync(receiver, host)).Body;
        using var again = await http.DeleteAsync(location);

        Assert.True(delete.IsSuccessStatusCode, $"DELETE on Location answered {(int)delete.StatusCode}");
        Assert.Equal("Cancelling", (await JsonAsync(delete)).GetProperty("status").GetString());
        Assert.Equal([taskId], host.Emulator.Activity.Deletes);
        Assert.Equal(nameof(GenerationPhase.Cancelled), Parse(callback).GetProperty("generationStatus").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(host.Emulator.Activity.Deletes);
        AssertTokenNowhere(host);
    }

    [Fact]
    public async Task Unsubscribe_UnknownCallbackUrl_Answers200NotSubscribed()
    {
        await using var host = await StartAsync();
        using var http = host.CreateApiClient();
        var callbackUrl = new Uri("https://prod-01.westeurope.logic.azure.com/workflows/abc/runs/xyz?sig=" + Token);

        using var answer = await UnsubscribeAsync(http, callbackUrl);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var body = await JsonAsync(answer);
        Assert.Equal(nameof(GenerationCancelStatus.NotSubscribed), body.GetProperty("status").GetString());
        Assert.Equal(GenerationIds.FromCallbackUrl(callbackUrl), body.GetProperty("id").GetString());
        Assert.Empty(host.Emulator.Activity.Requests);
        AssertTokenNowhere(host, generationRan: false);
    }

    [Fact]
    public async Task Subscribe_GenerationFails_CallbackGetsProblemBodyOfGet()
    {
        await using var webhook = await StartWebhookAsync("run-failed", emulator: o => o.Outcomes.FailureRate = 1);
        var (receiver, host, http, callbackUrl) = webhook;

        using var accepted = await SubscribeAsync(http, Body(callbackUrl));
        var delivered = await WaitForCallbackAsync(receiver, host);
        var callback = delivered.Body;
        using var get = await http.GetAsync(accepted.Headers.Location!);

        Assert.Equal(HttpStatusCode.BadGateway, get.StatusCode);
        var received = Parse(callback);
        // Byte for byte what the GET answers, but for the per-request traceId and the GET's own delivery state.
        Assert.Equal(WithoutTraceId(WithoutCallback(await JsonAsync(get))), WithoutTraceId(received));
        Assert.Equal("application/problem+json", receiver.ContentTypes.First()?.Split(';')[0]);
        Assert.Equal(nameof(GenerationPhase.Failed), received.GetProperty("generationStatus").GetString());
        Assert.Equal(502, received.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(received.GetProperty("errorCode").GetString()));
        Assert.Equal([null], await StandardWebhooksNode.VerifyAsync(Secret, [delivered]));
        AssertTokenNowhere(host);
    }

    private static Uri CallbackUrl(CallbackReceiver receiver, string run) =>
        new(receiver.Url, $"hooks/done?run={run}&sig={Token}");

    private static string Body(Uri? callbackUrl, string prompt = Prompt) =>
        HttpApi.Body(prompt, ("callbackUrl", callbackUrl?.AbsoluteUri));

    private static Task<HttpResponseMessage> SubscribeAsync(HttpClient http, string body) =>
        http.PostAsync("/api/generations/subscribe", new StringContent(body, Encoding.UTF8, "application/json"));

    private static Task<HttpResponseMessage> UnsubscribeAsync(HttpClient http, Uri callbackUrl) =>
        http.PostAsync("/api/generations/unsubscribe", new StringContent(
            JsonSerializer.Serialize(new Dictionary<string, string> { ["callbackUrl"] = callbackUrl.AbsoluteUri }), Encoding.UTF8, "application/json"));

    private static JsonElement Parse(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static string WithoutDownloadUrls(JsonElement body)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(body.GetRawText())!;
        foreach (var video in node["videos"]!.AsArray())
        {
            video!.AsObject().Remove("downloadUrl");
        }
        return node.ToJsonString();
    }

    private static JsonElement WithoutCallback(JsonElement body)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(body.GetRawText())!.AsObject();
        node.Remove("callback");
        return Parse(System.Text.Encoding.UTF8.GetBytes(node.ToJsonString()));
    }

    private static string WithoutTraceId(JsonElement body)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(body.GetRawText())!.AsObject();
        node.Remove("traceId");
        return node.ToJsonString();
    }

    private static async Task<ReceivedCallback> WaitForCallbackAsync(CallbackReceiver receiver, GenerationHost host)
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(30); waited += TimeSpan.FromMilliseconds(50))
        {
            if (receiver.Received.TryPeek(out var first))
            {
                return first;
            }
            await Task.Delay(50);
        }
        // The host's warnings say why (a refused or failing delivery) when the test fails.
        var warnings = host.Logs.GetSnapshot().Where(r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Warning)
            .Select(r => r.Message + " " + r.Exception?.Message);
        throw new TimeoutException("No callback arrived within 30 s: " + string.Join(" | ", warnings));
    }

    /// <summary>The callback URL's token is in no durable payload and no log line (only its host may be logged).</summary>
    private static void AssertTokenNowhere(GenerationHost host, bool generationRan = true)
    {
        Assert.Equal(generationRan, host.Payloads.Payloads.Count > 0);
        Assert.DoesNotContain(host.Payloads.Payloads, p => p.Contains(Token, StringComparison.Ordinal));
        Assert.DoesNotContain(host.Payloads.Payloads, p => p.Contains("hooks/done", StringComparison.Ordinal));
        var logs = host.Logs.GetSnapshot();
        Assert.NotEmpty(logs);
        Assert.DoesNotContain(logs, r => r.Message.Contains(Token, StringComparison.Ordinal)
            || (r.Exception?.ToString().Contains(Token, StringComparison.Ordinal) ?? false));
    }
}
