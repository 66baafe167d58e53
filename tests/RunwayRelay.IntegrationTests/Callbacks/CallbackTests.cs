namespace RunwayRelay.IntegrationTests.Callbacks;

/// <summary>
/// Completion callbacks per Standard Webhooks through the real HTTP API, the real durable engine, the emulator and a
/// loopback receiver; signatures are checked by the spec's Node library (<see cref="StandardWebhooksNode"/>).
/// </summary>
public sealed class CallbackTests(AzuriteFixture azurite) : AzuriteTestBase(azurite)
{
    private const string Token = "tok-5e4d3c2b1a0998877665544332211";

    [Fact]
    public async Task Delivery_Receiver503ThreeTimesThen200_SameWebhookIdEveryAttemptAndStatusShowsDelivered()
    {
        await using var receiver = await CallbackReceiver.StartAsync([503, 503, 503]);
        await using var host = await StartAsync();
        using var http = host.CreateApiClient();

        string id = await StartGenerationAsync(http, receiver);
        var calls = await receiver.WaitForAsync(4);
        var status = await WaitForCallbackStateAsync(http, id, "delivered");

        Assert.Equal(4, calls.Count);
        Assert.Single(calls.Select(c => c.Id).Distinct());
        Assert.Equal(WebhookIds.For(id, CallbackEventTypes.Completed), calls[0].Id);
        Assert.Matches("^msg_[0-9a-f]{32}$", calls[0].Id);
        Assert.Equal([null, null, null, null], await StandardWebhooksNode.VerifyAsync(StandardWebhooksNode.Secret, calls));
        Assert.All(await StandardWebhooksNode.VerifyAsync(StandardWebhooksNode.OtherSecret, calls), Assert.NotNull);
        var callback = status.GetProperty("callback");
        Assert.Equal(4, callback.GetProperty("attempts").GetInt32());
        Assert.Equal(204, callback.GetProperty("lastStatus").GetInt32());
        Assert.Equal(JsonValueKind.Null, callback.GetProperty("nextAttemptAt").ValueKind);
        // The body: the spec's recommended shape, the same bytes on every attempt.
        Assert.Single(calls.Select(c => Convert.ToBase64String(c.Body)).Distinct());
        using var body = JsonDocument.Parse(calls[^1].Body);
        Assert.Equal(CallbackEventTypes.Completed, body.RootElement.GetProperty("type").GetString());
        Assert.Equal(id, body.RootElement.GetProperty("data").GetProperty("generationId").GetString());
        Assert.Equal(nameof(GenerationPhase.Succeeded), body.RootElement.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(status.GetProperty("videos")[0].GetProperty("name").GetString(),
            body.RootElement.GetProperty("data").GetProperty("videos")[0].GetProperty("name").GetString());
        Assert.Single(host.Emulator.Activity.Creates);
        AssertSecretsNowhere(host);
    }

    [Fact]
    public async Task Delivery_Receiver410_StopsAfterOneAttemptAsGone()
    {
        await using var receiver = await CallbackReceiver.StartAsync([410, 503, 503]);
        await using var host = await StartAsync();
        using var http = host.CreateApiClient();

        string id = await StartGenerationAsync(http, receiver);
        var status = await WaitForCallbackStateAsync(http, id, "gone");
        // Several retry delays long: a retry would have come by now.
        await Task.Delay(TimeSpan.FromMilliseconds(800));

        Assert.Single(receiver.Received);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, id)).Status);
        Assert.Equal(410, status.GetProperty("callback").GetProperty("lastStatus").GetInt32());
        Assert.Equal(1, status.GetProperty("callback").GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task Delivery_Receiver400_StopsAfterOneAttemptAsFailed()
    {
        await using var receiver = await CallbackReceiver.StartAsync([400, 503]);
        await using var host = await StartAsync();
        using var http = host.CreateApiClient();

        string id = await StartGenerationAsync(http, receiver);
        var status = await WaitForCallbackStateAsync(http, id, "failed");
        await Task.Delay(TimeSpan.FromMilliseconds(800));

        Assert.Single(receiver.Received);
        Assert.Equal(400, status.GetProperty("callback").GetProperty("lastStatus").GetInt32());
    }

    [Fact]
    public async Task Delivery_Receiver429WithRetryAfter_WaitsAsLongAsAsked()
    {
        await using var receiver = await CallbackReceiver.StartAsync([429], retryAfter: "2");
        await using var host = await StartAsync();
        using var http = host.CreateApiClient();

        string id = await StartGenerationAsync(http, receiver);
        var calls = await receiver.WaitForAsync(2);
        await WaitForCallbackStateAsync(http, id, "delivered");

        Assert.Equal(2, calls.Count);
        // The backoff alone (InitialRetryDelay 100 ms) would have retried within 100 ms.
        Assert.InRange(calls[1].At - calls[0].At, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(10));
        Assert.Equal(calls[0].Id, calls[1].Id);
    }

    [Fact]
    public async Task Delivery_PreviousSigningSecretSet_BothSecretsVerify()
    {
        await using var receiver = await CallbackReceiver.StartAsync(failFirst: 0);
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Callbacks:PreviousSigningSecret"] = StandardWebhooksNode.OtherSecret });
        using var http = host.CreateApiClient();

        await StartGenerationAsync(http, receiver);
        var call = Assert.Single(await receiver.WaitForAsync(1));

        Assert.Equal(2, call.Signature!.Split(' ').Length);
        Assert.Equal([null], await StandardWebhooksNode.VerifyAsync(StandardWebhooksNode.Secret, [call]));
        Assert.Equal([null], await StandardWebhooksNode.VerifyAsync(StandardWebhooksNode.OtherSecret, [call]));
        Assert.NotNull(Assert.Single(await StandardWebhooksNode.VerifyAsync("whsec_" + Convert.ToBase64String(new byte[32]), [call])));
        AssertSecretsNowhere(host, StandardWebhooksNode.OtherSecret);
    }

    [Fact]
    public async Task Get_WhileDeliveryRetries_AnswersTheOutcomeAndTheRetryingDelivery()
    {
        await using var receiver = await CallbackReceiver.StartAsync(_ => 503);
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Callbacks:InitialRetryDelay"] = "00:00:05" });
        using var http = host.CreateApiClient();

        string id = await StartGenerationAsync(http, receiver);
        await receiver.WaitForAsync(1);
        var status = await WaitForCallbackStateAsync(http, id, "retrying");
        var (code, _) = await GetAsync(http, id);

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(nameof(GenerationPhase.Succeeded), status.GetProperty("status").GetString());
        Assert.NotEmpty(status.GetProperty("videos").EnumerateArray());
        var callback = status.GetProperty("callback");
        Assert.Equal(1, callback.GetProperty("attempts").GetInt32());
        Assert.Equal(503, callback.GetProperty("lastStatus").GetInt32());
        Assert.True(callback.GetProperty("nextAttemptAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        // The generation itself has completed with its outcome; only the delivery waits.
        // (It may still be releasing its payload right after starting the delivery.)
        var generation = await host.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, generation!.RuntimeStatus);
        Assert.Equal(GenerationPhase.Succeeded, generation.ReadOutputAs<GenerationOutcome>()!.Status);
        var delivery = await host.Client.GetInstanceAsync(CallbackDeliveries.InstanceIdFor(id));
        Assert.Equal(OrchestrationRuntimeStatus.Running, delivery!.RuntimeStatus);
    }

    [Fact]
    public async Task Events_RunningAndProgressAsked_RunningOnceProgressSpacedByTheIntervalAndNoneUnasked()
    {
        await using var asked = await CallbackReceiver.StartAsync(failFirst: 0);
        await using var unasked = await CallbackReceiver.StartAsync(failFirst: 0);
        // Runway runs each task for 2.5 s, its progress rising continuously; polls come every 50-200 ms.
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Callbacks:ProgressInterval"] = "00:00:00.500" },
            new EmulatorOptions { QueueTime = TimeSpan.FromMilliseconds(200), GenerationTime = TimeSpan.FromMilliseconds(2500), ProgressUpdateInterval = TimeSpan.Zero });
        using var http = host.CreateApiClient();

        string id = await StartGenerationAsync(http, asked, [CallbackEventTypes.Running, CallbackEventTypes.Progress]);
        string other = await StartGenerationAsync(http, unasked);
        await WaitForCallbackStateAsync(http, id, "delivered");
        await WaitForCallbackStateAsync(http, other, "delivered");

        var events = asked.Received.Select(c => (Call: c, Body: JsonDocument.Parse(c.Body).RootElement)).ToList();
        var types = events.Select(e => e.Body.GetProperty("type").GetString()).ToList();
        Assert.Equal(CallbackEventTypes.Running, types[0]);
        Assert.Equal(CallbackEventTypes.Completed, types[^1]);
        Assert.Single(types, CallbackEventTypes.Running);
        var progress = events.Where(e => e.Body.GetProperty("type").GetString() == CallbackEventTypes.Progress).ToList();
        // How many depends on when the poll plan polls (it aims at the predicted end); never more than one per interval.
        Assert.True(progress.Count is >= 1 and <= 6, string.Join("\n", events.Select(e => e.Body.ToString())));
        var at = progress.Select(e => e.Body.GetProperty("timestamp").GetDateTimeOffset()).ToList();
        Assert.All(at.Zip(at.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromMilliseconds(500), $"{pair.First:O} then {pair.Second:O}"));
        var values = progress.Select(e => e.Body.GetProperty("data").GetProperty("progress").GetDouble()).ToList();
        Assert.Equal(values.Order(), values);
        Assert.All(progress, e => Assert.Equal(id, e.Body.GetProperty("data").GetProperty("generationId").GetString()));
        // Every event has its own webhook-id, all verified by the spec's library.
        Assert.Equal(events.Count, events.Select(e => e.Call.Id).Distinct().Count());
        Assert.All(await StandardWebhooksNode.VerifyAsync(StandardWebhooksNode.Secret, events.Select(e => e.Call)), Assert.Null);
        var only = Assert.Single(unasked.Received);
        Assert.Equal(CallbackEventTypes.Completed, JsonDocument.Parse(only.Body).RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task StartAndSubscribe_CallbackEventsUnknownWithoutUrlOrOnSubscribe_Answer400NamingTheField()
    {
        await using var host = await StartAsync();
        using var http = host.CreateApiClient();
        var withoutUrl = Request(callbackUrl: null);
        withoutUrl["callbackEvents"] = new[] { CallbackEventTypes.Progress };
        var unknown = Request(new Uri("https://hooks.example.com/done"));
        unknown["callbackEvents"] = new[] { "generation.exploded" };

        // Logic Apps takes the first call to its callback URL as the result: a subscription gets only the final status.
        var subscribe = Request(new Uri("https://prod-01.westeurope.logic.azure.com/workflows/abc/runs/xyz?sig=s"));
        subscribe["callbackEvents"] = new[] { CallbackEventTypes.Running };

        foreach (var (path, body) in new[] { ("/api/generations", withoutUrl), ("/api/generations", unknown), ("/api/generations/subscribe", subscribe) })
        {
            using var refused = await http.PostAsync(path, Json(body));

            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var errors = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty("callbackEvents", out _), errors.ToString());
        }
        Assert.Empty(host.Emulator.Activity.Requests);
    }

    [Fact]
    public async Task Redeliver_AfterDelivery_SendsTheSameWebhookIdAgain()
    {
        await using var receiver = await CallbackReceiver.StartAsync(failFirst: 0);
        await using var host = await StartAsync();
        using var http = host.CreateApiClient();
        string id = await StartGenerationAsync(http, receiver);
        await WaitForCallbackStateAsync(http, id, "delivered");

        using var redeliver = await http.PostAsync($"/api/generations/{id}/callback/redeliver", null);
        var calls = await receiver.WaitForAsync(2);
        var status = await WaitForCallbackStateAsync(http, id, "delivered");

        Assert.Equal(HttpStatusCode.Accepted, redeliver.StatusCode);
        Assert.Equal(new Uri(host.ApiBaseAddress!, "/api/generations/" + id), redeliver.Headers.Location);
        Assert.Equal(2, calls.Count);
        Assert.Equal(calls[0].Id, calls[1].Id);
        Assert.Equal(Encoding.UTF8.GetString(calls[0].Body), Encoding.UTF8.GetString(calls[1].Body));
        Assert.Equal([null, null], await StandardWebhooksNode.VerifyAsync(StandardWebhooksNode.Secret, calls));
        Assert.Equal(1, status.GetProperty("callback").GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task Redeliver_UnknownOrWithoutCallback_Answers404Or409WithErrorCode()
    {
        await using var host = await StartAsync();
        using var http = host.CreateApiClient();
        using var started = await http.PostAsync("/api/generations", Json(Request(callbackUrl: null)));
        string id = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        await host.WaitAsync(id);

        using var unknown = await http.PostAsync("/api/generations/g-0000/callback/redeliver", null);
        using var noCallback = await http.PostAsync($"/api/generations/{id}/callback/redeliver", null);
        var (_, status) = await GetAsync(http, id);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, noCallback.StatusCode);
        Assert.Equal("application/problem+json", noCallback.Content.Headers.ContentType?.MediaType);
        Assert.Equal("NO_CALLBACK", JsonDocument.Parse(await noCallback.Content.ReadAsStringAsync()).RootElement.GetProperty("errorCode").GetString());
        Assert.False(status.TryGetProperty("callback", out _));
    }

    [Fact]
    public async Task Orchestration_LoopbackCallbackNotAllowed_SucceedsWithoutCallingAndDeliveryFails()
    {
        await using var receiver = await CallbackReceiver.StartAsync(failFirst: 0);
        await using var host = await GenerationHost.StartAsync(Azurite.ConnectionString,
            settings: new Dictionary<string, string?> { ["Callbacks:SigningSecret"] = StandardWebhooksNode.Secret });
        var input = GenerationHost.Input(callback: new Uri(receiver.Url, "hooks/done"));

        var meta = await host.RunAsync(input);
        var delivery = await host.WaitAsync(CallbackDeliveries.InstanceIdFor(input.GenerationId));

        Assert.Equal(GenerationPhase.Succeeded, meta.ReadOutputAs<GenerationOutcome>()!.Status);
        var ended = delivery.ReadOutputAs<CallbackDeliveryStatus>()!;
        Assert.Equal(CallbackDeliveryState.Failed, ended.State);
        Assert.Equal(1, ended.Attempts);
        Assert.Empty(receiver.Received);
    }

    /// <summary>
    /// A generation an earlier version started (its input without <c>ReleaseStartsCallback</c>) finishing under this one,
    /// on the real engine: it runs the two finishing activities it would have recorded, and the callback still arrives.
    /// </summary>
    [Fact]
    public async Task Delivery_ExecutionStartedByAnEarlierVersion_FinishesWithItsTwoActivitiesAndDelivers()
    {
        await using var receiver = await CallbackReceiver.StartAsync([]);
        await using var host = await StartAsync();
        var draft = GenerationHost.Input(callback: new Uri(receiver.Url, "hooks/done?token=" + Token));
        string id = draft.GenerationId;
        var spans = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == RunwayRelay.Telemetry.RunwayRelayTelemetry.SourceName,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllData,
            ActivityStopped = span =>
            {
                if (Equals(span.GetTagItem(RunwayRelay.Telemetry.RunwayRelayTelemetry.GenerationIdTag), id))
                {
                    spans.Enqueue(span.DisplayName);
                }
            },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        // What the scheduler of an earlier version stored and started: the payload, then the input without the flag.
        var payloads = host.Services.GetRequiredService<GenerationPayloadStore>();
        await payloads.TryCreateAsync(id, new GenerationPayload(draft.Request, "fingerprint", draft.CallbackUrl));
        var input = new GenerationInput
        {
            GenerationId = id,
            OutputBlobName = draft.OutputBlobName!,
            AcceptedAt = DateTimeOffset.UtcNow,
            // The first poll finds the emulator's task done, so the generation ends in the execution the old version started.
            Polling = new PollingSchedule(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30)),
            Model = "gen4.5",
            RequestSha256 = "fingerprint",
            HasCallback = true,
        };
        Assert.False(input.ReleaseStartsCallback);

        await host.Client.ScheduleNewOrchestrationInstanceAsync(GenerationTasks.Orchestrator, input, new StartOrchestrationOptions(id));
        var calls = await receiver.WaitForAsync(1);
        var ended = await host.WaitAsync(id);

        Assert.Equal(GenerationPhase.Succeeded, ended.ReadOutputAs<GenerationOutcome>()!.Status);
        using var body = JsonDocument.Parse(Assert.Single(calls).Body);
        Assert.Equal(id, body.RootElement.GetProperty("data").GetProperty("generationId").GetString());
        Assert.Contains(GenerationTasks.StartCallbackDelivery, spans);
        Assert.Contains(GenerationTasks.ReleaseGeneration, spans);
        Assert.Null(await payloads.GetAsync(id));
    }

    private Task<GenerationHost> StartAsync(IDictionary<string, string?>? extra = null, EmulatorOptions? emulator = null)
    {
        var settings = StandardWebhooksNode.SigningSettings(more: new Dictionary<string, string?>
        {
            // Seconds, not the production minutes to a day, so the schedule runs in a test.
            ["Callbacks:InitialRetryDelay"] = "00:00:00.100",
            ["Callbacks:MaxRetryDelay"] = "00:00:05",
            ["Callbacks:RetryWindow"] = "00:01:00",
        });
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }
        return GenerationHost.StartWebAsync(Azurite.ConnectionString, emulator, settings);
    }

    private static async Task<string> StartGenerationAsync(HttpClient http, CallbackReceiver receiver, string[]? events = null)
    {
        var request = Request(new Uri(receiver.Url, "hooks/done?token=" + Token));
        if (events is not null)
        {
            request["callbackEvents"] = events;
        }
        using var accepted = await http.PostAsync("/api/generations", Json(request));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        return JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    private static Dictionary<string, object> Request(Uri? callbackUrl) =>
        Http.HttpApi.Request(Http.HttpApi.Prompt, ("callbackUrl", callbackUrl?.AbsoluteUri));

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient http, string id)
    {
        using var answer = await http.GetAsync("/api/generations/" + id);
        using var document = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        return (answer.StatusCode, document.RootElement.Clone());
    }

    /// <summary>Polls the status URL until <c>callback.state</c> is <paramref name="state"/> (30 s at most).</summary>
    private static async Task<JsonElement> WaitForCallbackStateAsync(HttpClient http, string id, string state)
    {
        JsonElement last = default;
        for (var until = DateTime.UtcNow + TimeSpan.FromSeconds(30); DateTime.UtcNow < until; await Task.Delay(50))
        {
            (_, last) = await GetAsync(http, id);
            if (last.TryGetProperty("callback", out var callback) && callback.GetProperty("state").GetString() == state)
            {
                return last;
            }
        }
        Assert.Fail($"callback.state never became {state}; last answer: {last}");
        return last;
    }

    /// <summary>No signing secret, callback token or callback path in durable state, and neither secret nor token in the logs.</summary>
    private static void AssertSecretsNowhere(GenerationHost host, params string[] moreSecrets)
    {
        string[] secrets = [StandardWebhooksNode.Secret, StandardWebhooksNode.Secret["whsec_".Length..], Token, .. moreSecrets, .. moreSecrets.Select(s => s["whsec_".Length..])];
        Assert.NotEmpty(host.Payloads.Payloads);
        foreach (string secret in secrets)
        {
            Assert.DoesNotContain(host.Payloads.Payloads, p => p.Contains(secret, StringComparison.Ordinal));
        }
        Assert.DoesNotContain(host.Payloads.Payloads, p => p.Contains("hooks/done", StringComparison.Ordinal));
        var logs = host.Logs.GetSnapshot();
        Assert.NotEmpty(logs);
        foreach (string secret in secrets)
        {
            Assert.DoesNotContain(logs, r => r.Message.Contains(secret, StringComparison.Ordinal)
                || (r.Exception?.ToString().Contains(secret, StringComparison.Ordinal) ?? false));
        }
    }
}
