using System.Net.Http.Headers;
using static RunwayRelay.IntegrationTests.Http.HttpApi;

namespace RunwayRelay.IntegrationTests.Http;

/// <summary>
/// The HTTP API end to end: a real Kestrel host with <c>AddRunwayRelay()</c> + <c>MapGenerationsApi()</c>, called over
/// loopback, running the real orchestration on the in-memory durable engine against the emulator and Azurite.
/// </summary>
public sealed class GenerationsApiTests(AzuriteFixture azurite) : AzuriteTestBase(azurite)
{
    private Task<GenerationHost> StartAsync(double timeScale = 0.001, IDictionary<string, string?>? settings = null,
        Action<EmulatorOptions>? emulator = null) => HttpApi.StartAsync(Azurite, timeScale, settings, emulator);

    /// <summary>A fresh host with one generation of <see cref="Body"/> accepted on it.</summary>
    private async Task<StartedGeneration> StartGenerationAsync(double timeScale)
    {
        var host = await StartAsync(timeScale);
        var http = host.CreateApiClient();
        using var accepted = await PostAsync(http, Body());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        return new StartedGeneration(host, http, accepted.Headers.Location!, (await JsonAsync(accepted)).GetProperty("id").GetString()!);
    }

    private sealed record StartedGeneration(GenerationHost Host, HttpClient Http, Uri StatusUrl, string Id) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Start_ValidBody_Answers202ThenStoresByteIdenticalVideo()
    {
        await using var host = await StartAsync();
        using var http = host.CreateApiClient();

        using var accepted = await PostAsync(http, Body(outputBlobName: "clips/lighthouse.mp4"));

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("application/json", accepted.Content.Headers.ContentType?.MediaType);
        var body = await JsonAsync(accepted);
        string id = body.GetProperty("id").GetString()!;
        Assert.StartsWith("g-", id, StringComparison.Ordinal);
        Assert.Equal(nameof(GenerationPhase.Accepted), body.GetProperty("status").GetString());
        var statusUrl = new Uri(body.GetProperty("statusUrl").GetString()!);
        Assert.Equal(new Uri(host.ApiBaseAddress!, "/api/generations/" + id), statusUrl);
        Assert.Equal(statusUrl, new Uri(body.GetProperty("cancelUrl").GetString()!));
        Assert.Equal(statusUrl, accepted.Headers.Location);
        Assert.Equal(TimeSpan.FromSeconds(1), accepted.Headers.RetryAfter?.Delta);

        using var done = await PollUntilFinishedAsync(http, statusUrl);

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("application/json", done.Content.Headers.ContentType?.MediaType);
        var result = await JsonAsync(done);
        Assert.Equal(id, result.GetProperty("id").GetString());
        Assert.Equal(nameof(GenerationPhase.Succeeded), result.GetProperty("status").GetString());
        string taskId = result.GetProperty("runwayTaskId").GetString()!;
        var video = Assert.Single(result.GetProperty("videos").EnumerateArray());
        Assert.Equal("clips/lighthouse.mp4", video.GetProperty("name").GetString());
        Assert.Equal("video/mp4", video.GetProperty("contentType").GetString());
        Assert.Equal(host.OutputContainer.GetBlobClient("clips/lighthouse.mp4").Uri, new Uri(video.GetProperty("blobUrl").GetString()!));

        var expected = await host.EmulatorOutputAsync(taskId);
        var stored = await host.BlobAsync("clips/lighthouse.mp4");
        Assert.Equal(expected, stored);
        Assert.Equal(expected.Length, video.GetProperty("size").GetInt64());

        var create = Assert.Single(host.Emulator.Activity.Creates);
        Assert.Equal(taskId, create.TaskId);
        Assert.Equal("text_to_video", create.Endpoint);
        Assert.Equal("gen4.5", create.Model);
    }

    [Fact]
    public async Task Start_NoOutputBlobName_StoresVideoUnderGenerationId()
    {
        await using var host = await StartAsync();
        using var http = host.CreateApiClient();

        using var accepted = await PostAsync(http, Body());
        string id = (await JsonAsync(accepted)).GetProperty("id").GetString()!;
        using var done = await PollUntilFinishedAsync(http, accepted.Headers.Location!);

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var video = Assert.Single((await JsonAsync(done)).GetProperty("videos").EnumerateArray());
        Assert.Equal(id + ".mp4", video.GetProperty("name").GetString());
        Assert.True(await host.OutputContainer.GetBlobClient(id + ".mp4").ExistsAsync());
    }

    [Fact]
    public async Task Start_FunctionsKeyInQuery_StatusUrlCarriesKey()
    {
        await using var host = await StartAsync();
        using var http = host.CreateApiClient();

        using var accepted = await PostAsync(http, Body(), path: "/api/generations?code=abc123");

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        string id = (await JsonAsync(accepted)).GetProperty("id").GetString()!;
        Assert.Equal(new Uri(host.ApiBaseAddress!, $"/api/generations/{id}?code=abc123"), accepted.Headers.Location);
        using var done = await PollUntilFinishedAsync(http, accepted.Headers.Location!);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
    }

    [Fact]
    public async Task GetStatus_WhileRunning_Answers202WithRunwayStatusAndProgress()
    {
        // Time scale 0.05: 100 ms queued, then 3 s running, long enough to be seen mid-way.
        await using var generation = await StartGenerationAsync(timeScale: 0.05);
        var (host, http, statusUrl, id) = generation;

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        JsonElement running;
        HttpResponseMessage response;
        while (true)
        {
            response = await http.GetAsync(statusUrl, cts.Token);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            running = await JsonAsync(response);
            if (running.GetProperty("status").GetString() == nameof(GenerationPhase.Running)
                && running.GetProperty("progress").ValueKind == JsonValueKind.Number
                && running.GetProperty("progress").GetDouble() > 0)
            {
                break;
            }
            response.Dispose();
            await Task.Delay(50, cts.Token);
        }

        using (response)
        {
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
            Assert.Equal(statusUrl, response.Headers.Location);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(id, running.GetProperty("id").GetString());
        Assert.Equal("RUNNING", running.GetProperty("runwayStatus").GetString());
        Assert.InRange(running.GetProperty("progress").GetDouble(), 0.0001, 0.9999);
        string taskId = running.GetProperty("runwayTaskId").GetString()!;
        Assert.Equal(taskId, Assert.Single(host.Emulator.Activity.Creates).TaskId);
        Assert.Equal(statusUrl, new Uri(running.GetProperty("statusUrl").GetString()!));
        Assert.Equal(statusUrl, new Uri(running.GetProperty("cancelUrl").GetString()!));

        // End it now rather than wait out the generation.
        using var cancel = await http.DeleteAsync(statusUrl);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
    }

    [Fact]
    public async Task Start_SeveralInvalidFields_Answers400NamingEveryFieldAndSubmitsNothing()
    {
        await using var host = await StartAsync();
        using var http = host.CreateApiClient();
        string body = """
            {
              "endpoint": "text_to_video",
              "model": "gen4.5",
              "promptText": "a lighthouse at dusk",
              "ratio": "1:1",
              "duration": 99,
              "seed": -5,
              "outputBlobName": "../escape.mp4",
              "callbackUrl": "ftp://example.com/hook",
              "promptImage": "https://example.com/a.png"
            }
            """;

        using var response = await PostAsync(http, body);

        var problem = await ProblemAssert.HasAsync(response, 400, fields: ["ratio", "duration", "seed", "outputBlobName", "callbackUrl", "promptImage"]);
        Assert.Contains("Nothing was started", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(host.Emulator.Activity.Creates);
        Assert.Equal(0, host.Emulator.Activity.CreateAttempts);
        Assert.Equal(0, await CountGenerationsAsync(host));
    }

    [Theory]
    [InlineData("text/plain", "text/plain")]
    [InlineData("application/x-www-form-urlencoded", "application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=utf-16", "charset=utf-16")]
    [InlineData(null, "no Content-Type")]
    public async Task Start_NonJsonContentType_Answers415Problem(string? contentType, string named)
    {
        await using var host = await StartAsync();
        using var http = host.CreateApiClient();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body()));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using var response = await http.PostAsync("/api/generations", content);

        var problem = await ProblemAssert.HasAsync(response, 415);
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, host.Emulator.Activity.CreateAttempts);
        Assert.Equal(0, await CountGenerationsAsync(host));
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/vnd.runwayrelay.generation+json")]
    public async Task Start_JsonMediaTypeVariant_IsAccepted(string contentType)
    {
        await using var host = await StartAsync();
        using var http = host.CreateApiClient();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body()));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await http.PostAsync("/api/generations", content);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var done = await PollUntilFinishedAsync(http, response.Headers.Location!);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Single(host.Emulator.Activity.Creates);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Start_BodyOverLimit_Answers413Problem(bool declareLength)
    {
        await using var host = await StartAsync(settings: new Dictionary<string, string?> { ["Api:MaxRequestBodyBytes"] = "1024" });
        using var http = host.CreateApiClient();
        string body = Body(prompt: new string('a', 1500));
        HttpContent content = declareLength
            ? new StringContent(body, Encoding.UTF8, "application/json")
            : new ChunkedContent(Encoding.UTF8.GetBytes(body), "application/json");

        using var response = await http.PostAsync("/api/generations", content);

        var problem = await ProblemAssert.HasAsync(response, 413);
        Assert.Contains("1024", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, host.Emulator.Activity.CreateAttempts);
        Assert.Equal(0, await CountGenerationsAsync(host));
    }

    [Fact]
    public async Task Start_BodyJustUnderLimit_IsAccepted()
    {
        await using var host = await StartAsync(settings: new Dictionary<string, string?> { ["Api:MaxRequestBodyBytes"] = "1024" });
        using var http = host.CreateApiClient();
        string body = Body(prompt: new string('a', 900));
        Assert.InRange(Encoding.UTF8.GetByteCount(body), 901, 1024);

        using var response = await http.PostAsync("/api/generations", new ChunkedContent(Encoding.UTF8.GetBytes(body), "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var done = await PollUntilFinishedAsync(http, response.Headers.Location!);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
    }

    [Theory]
    [InlineData("{\"model\": \"gen4.5\", \"promptText\": ")]
    [InlineData("not json at all")]
    [InlineData("")]
    public async Task Start_MalformedJson_Answers400Problem(string body)
    {
        await using var host = await StartAsync();
        using var http = host.CreateApiClient();

        using var response = await PostAsync(http, body);

        await ProblemAssert.HasAsync(response, 400, fields: "$");
        Assert.Equal(0, host.Emulator.Activity.CreateAttempts);
    }

    [Fact]
    public async Task Start_SameIdempotencyKeyTwice_SameIdAndOneSubmission()
    {
        await using var host = await StartAsync();
        using var http = host.CreateApiClient();
        string key = "order-" + Guid.NewGuid().ToString("N");

        using var first = await PostAsync(http, Body(), key);
        using var done = await PollUntilFinishedAsync(http, first.Headers.Location!);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        using var second = await PostAsync(http, Body(), key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        string id = (await JsonAsync(first)).GetProperty("id").GetString()!;
        Assert.Equal(id, (await JsonAsync(second)).GetProperty("id").GetString());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        using var again = await http.GetAsync(second.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(host.Emulator.Activity.Creates);
        Assert.Equal(1, await CountGenerationsAsync(host));
    }

    [Fact]
    public async Task Start_SameIdempotencyKeyConcurrently_OneGenerationAndOneSubmission()
    {
        await using var host = await StartAsync();
        using var http = host.CreateApiClient();
        string key = "burst-" + Guid.NewGuid().ToString("N");

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => PostAsync(http, Body(), key)));

        try
        {
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
            var ids = new HashSet<string>();
            foreach (var r in responses)
            {
                ids.Add((await JsonAsync(r)).GetProperty("id").GetString()!);
            }
            Assert.Single(ids);
            Assert.Single(responses.Select(r => r.Headers.Location).Distinct());

            using var done = await PollUntilFinishedAsync(http, responses[0].Headers.Location!);
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
            Assert.Single(host.Emulator.Activity.Creates);
            Assert.Equal(1, host.Emulator.Activity.CreateAttempts);
            Assert.Equal(1, await CountGenerationsAsync(host));
        }
        finally
        {
            foreach (var r in responses)
            {
                r.Dispose();
            }
        }
    }

    [Fact]
    public async Task Start_SameIdempotencyKeyDifferentBody_Answers422ProblemAndSubmitsOnce()
    {
        await using var host = await StartAsync();
        using var http = host.CreateApiClient();
        string key = "reuse-" + Guid.NewGuid().ToString("N");

        using var first = await PostAsync(http, Body(prompt: "a lighthouse at dusk"), key);
        using var second = await PostAsync(http, Body(prompt: "a lighthouse at dawn"), key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        string id = (await JsonAsync(first)).GetProperty("id").GetString()!;
        var problem = await ProblemAssert.HasAsync(second, 422);
        Assert.Equal(id, problem.GetProperty("id").GetString());
        Assert.Contains("Idempotency-Key", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Null(second.Headers.Location);

        using var done = await PollUntilFinishedAsync(http, first.Headers.Location!);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Single(host.Emulator.Activity.Creates);
        Assert.Equal(1, await CountGenerationsAsync(host));
    }

    [Fact]
    public async Task Start_SameIdempotencyKeyRichBodyRepeated_SameIdWhileRunningAndAfter()
    {
        // Every optional part of an image_to_video request survives the trip through the durable store, so a repeat
        // compares equal to the stored original both before and after the orchestration's ContinueAsNew.
        await using var host = await StartAsync(timeScale: 0.01);
        using var http = host.CreateApiClient();
        string key = "rich-" + Guid.NewGuid().ToString("N");
        string body = """
            {
              "endpoint": "image_to_video",
              "model": "gen4.5",
              "promptText": "waves against a lighthouse",
              "promptImage": [{ "uri": "https://example.com/first.png", "position": "first" }],
              "ratio": "1280:720",
              "duration": 5,
              "seed": 42,
              "contentModeration": { "publicFigureThreshold": "low" },
              "outputBlobName": "waves/rich.mp4"
            }
            """;

        using var first = await PostAsync(http, body, key);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        string taskId = await WaitForRunwayTaskAsync(http, first.Headers.Location!);
        using var whileRunning = await PostAsync(http, body, key);
        using var done = await PollUntilFinishedAsync(http, first.Headers.Location!);
        using var afterwards = await PostAsync(http, body, key);

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        string id = (await JsonAsync(first)).GetProperty("id").GetString()!;
        foreach (var repeat in new[] { whileRunning, afterwards })
        {
            Assert.Equal(HttpStatusCode.Accepted, repeat.StatusCode);
            Assert.Equal(id, (await JsonAsync(repeat)).GetProperty("id").GetString());
        }
        var create = Assert.Single(host.Emulator.Activity.Creates);
        Assert.Equal(taskId, create.TaskId);
        Assert.Equal("image_to_video", create.Endpoint);
        Assert.Equal("waves/rich.mp4", Assert.Single((await JsonAsync(done)).GetProperty("videos").EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Start_InvalidIdempotencyKeyAndBody_Answers400NamingBoth()
    {
        await using var host = await StartAsync();
        using var http = host.CreateApiClient();

        using var response = await PostAsync(http, Body(outputBlobName: "/absolute.mp4"), idempotencyKey: new string('k', 256));

        await ProblemAssert.HasAsync(response, 400, fields: ["Idempotency-Key", "outputBlobName"]);
        Assert.Equal(0, host.Emulator.Activity.CreateAttempts);
        Assert.Equal(0, await CountGenerationsAsync(host));
    }

    [Theory]
    [InlineData("SAFETY.INPUT.TEXT", 422)]
    [InlineData("INTERNAL.BAD_OUTPUT", 502)]
    public async Task GetStatus_RunwayTaskFails_AnswersProblemWithFailureCode(string failureCode, int expectedStatus)
    {
        await using var host = await StartAsync();
        using var http = host.CreateApiClient();

        using var accepted = await PostAsync(http, Body(prompt: $"a storm [emulator:fail={failureCode}]"));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        string id = (await JsonAsync(accepted)).GetProperty("id").GetString()!;
        using var failed = await PollUntilFinishedAsync(http, accepted.Headers.Location!);

        var problem = await ProblemAssert.FailureAsync(failed, expectedStatus, id, GenerationPhase.Failed, failureCode);
        Assert.Equal(Assert.Single(host.Emulator.Activity.Creates).TaskId, problem.GetProperty("runwayTaskId").GetString());
        Assert.Contains(failureCode, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("/api/generations/" + id, problem.GetProperty("instance").GetString());
        Assert.False(await host.OutputContainer.GetBlobClient(id + ".mp4").ExistsAsync());
    }

    [Fact]
    public async Task Cancel_DuringRun_CancelsRunwayTaskAndIsIdempotent()
    {
        // Time scale 1: a generation takes about a minute, so only the cancel can end it in time.
        await using var generation = await StartGenerationAsync(timeScale: 1);
        var (host, http, statusUrl, id) = generation;
        string taskId = await WaitForRunwayTaskAsync(http, statusUrl);

        using var cancel = await http.DeleteAsync(statusUrl);
        using var cancelAgain = await http.DeleteAsync(statusUrl);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var cancelBody = await JsonAsync(cancel);
        Assert.Equal(id, cancelBody.GetProperty("id").GetString());
        Assert.Equal("Cancelling", cancelBody.GetProperty("status").GetString());
        Assert.Equal(statusUrl, new Uri(cancelBody.GetProperty("statusUrl").GetString()!));
        Assert.Equal(statusUrl, cancel.Headers.Location);
        Assert.NotNull(cancel.Headers.RetryAfter);
        Assert.True(cancelAgain.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"second DELETE answered {cancelAgain.StatusCode}");
        Assert.Equal(id, (await JsonAsync(cancelAgain)).GetProperty("id").GetString());

        using var cancelled = await PollUntilFinishedAsync(http, statusUrl);
        var problem = await ProblemAssert.FailureAsync(cancelled, 409, id, GenerationPhase.Cancelled, GenerationErrorCodes.Cancelled);
        Assert.Equal(taskId, problem.GetProperty("runwayTaskId").GetString());

        using var cancelFinished = await http.DeleteAsync(statusUrl);
        Assert.Equal(HttpStatusCode.OK, cancelFinished.StatusCode);
        var finishedBody = await JsonAsync(cancelFinished);
        Assert.Equal(id, finishedBody.GetProperty("id").GetString());
        Assert.Equal(nameof(GenerationPhase.Cancelled), finishedBody.GetProperty("status").GetString());

        var activity = host.Emulator.Activity;
        Assert.Equal([taskId], activity.Deletes);
        Assert.Equal(taskId, Assert.Single(activity.Creates).TaskId);
        Assert.False(await host.OutputContainer.GetBlobClient(id + ".mp4").ExistsAsync());
    }

    [Fact]
    public async Task Cancel_RightAfterStart_EndsCancelledAndDeletesRunwayTask()
    {
        // The cancel arrives before the task is even submitted; the orchestration must still honour it once it is.
        await using var generation = await StartGenerationAsync(timeScale: 1);
        var (host, http, statusUrl, _) = generation;

        using var cancel = await http.DeleteAsync(statusUrl);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        using var cancelled = await PollUntilFinishedAsync(http, statusUrl);

        Assert.Equal(HttpStatusCode.Conflict, cancelled.StatusCode);
        var problem = await JsonAsync(cancelled);
        Assert.Equal(nameof(GenerationPhase.Cancelled), problem.GetProperty("generationStatus").GetString());
        var activity = host.Emulator.Activity;
        if (activity.Creates.Count == 1)
        {
            Assert.Equal([activity.Creates[0].TaskId], activity.Deletes);
            Assert.Equal(activity.Creates[0].TaskId, problem.GetProperty("runwayTaskId").GetString());
        }
        else
        {
            Assert.Empty(activity.Creates);
        }
    }

    [Fact]
    public async Task Cancel_WhilePollIsInFlight_IsNotLost()
    {
        // Each poll of Runway takes 300 ms and the timer between polls 20 ms, so a DELETE almost always arrives while
        // the orchestration is reading the task, not waiting for the event. It must still be honoured. (With a cancel
        // wait cancelled after every timer, Microsoft.DurableTask 1.27 handed such an event to the dead wait: lost.)
        await using var host = await StartAsync(timeScale: 1,
            settings: new Dictionary<string, string?>
            {
                ["Runway:PollInterval"] = "00:00:00.020",
                ["Runway:MaxPollInterval"] = "00:00:00.020",
            },
            emulator: o =>
            {
                o.Faults.Read.SlowRate = 1;
                o.Faults.Read.SlowDelay = TimeSpan.FromMilliseconds(300);
            });
        using var http = host.CreateApiClient();
        var statusUrls = new List<Uri>();
        for (int i = 0; i < 3; i++)
        {
            using var accepted = await PostAsync(http, Body(prompt: $"lighthouse {i}"));
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            statusUrls.Add(accepted.Headers.Location!);
        }
        foreach (var url in statusUrls)
        {
            await WaitForRunwayTaskAsync(http, url);
        }

        var outcomes = await Task.WhenAll(statusUrls.Select(async (url, i) =>
        {
            await Task.Delay(i * 100);
            using var cancel = await http.DeleteAsync(url);
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
            using var finished = await PollUntilFinishedAsync(http, url);
            return (finished.StatusCode, (await JsonAsync(finished)).GetProperty("generationStatus").GetString());
        }));

        Assert.All(outcomes, o => Assert.Equal((HttpStatusCode.Conflict, nameof(GenerationPhase.Cancelled)), o));
        var activity = host.Emulator.Activity;
        Assert.Equal(3, activity.Creates.Count);
        Assert.Equal(activity.Creates.Select(c => c.TaskId).Order(), activity.Deletes.Order());
    }

    [Fact]
    public async Task GetStatus_TerminatedByOperator_Answers409ProblemAndCancelReportsCancelled()
    {
        await using var generation = await StartGenerationAsync(timeScale: 1);
        var (host, http, statusUrl, id) = generation;
        string taskId = await WaitForRunwayTaskAsync(http, statusUrl);

        await host.Client.TerminateInstanceAsync(id);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await host.Client.WaitForInstanceCompletionAsync(id, cts.Token);
        using var status = await http.GetAsync(statusUrl);
        using var cancel = await http.DeleteAsync(statusUrl);

        var problem = await ProblemAssert.FailureAsync(status, 409, id, GenerationPhase.Cancelled, "TERMINATED");
        Assert.Equal(taskId, problem.GetProperty("runwayTaskId").GetString());
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(nameof(GenerationPhase.Cancelled), (await JsonAsync(cancel)).GetProperty("status").GetString());
        // Terminating bypasses the orchestration, so nothing told Runway; the DELETE of a finished generation does not either.
        Assert.Empty(host.Emulator.Activity.Deletes);
    }

    [Fact]
    public async Task Start_OutputBlobNameTaken_Answers409ProblemAndSubmitsNothing()
    {
        await using var host = await StartAsync();
        using var http = host.CreateApiClient();
        await host.OutputContainer.CreateIfNotExistsAsync();
        await host.OutputContainer.GetBlobClient("clips/kept.mp4").UploadAsync(BinaryData.FromString("an earlier video"));

        using var response = await PostAsync(http, Body(outputBlobName: "clips/kept.mp4"), idempotencyKey: "taken-" + Guid.NewGuid());

        var problem = await ProblemAssert.HasAsync(response, 409, fields: "outputBlobName");
        Assert.Contains("clips/kept.mp4", problem.GetProperty("errors").GetProperty("outputBlobName")[0].GetString(), StringComparison.Ordinal);
        // Only the door's balance read (GET /v1/organization) reached Runway: nothing was created or uploaded.
        Assert.All(host.Emulator.Activity.Requests, r => Assert.Equal(("GET", "/v1/organization"), (r.Method, r.Path)));
        Assert.Equal("an earlier video", (await host.OutputContainer.GetBlobClient("clips/kept.mp4").DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task GetStatusAndCancel_EndedWhileCallbackIsRetried_AnswerTheOutcome()
    {
        // A receiver that is down: the delivery keeps retrying the notice (30 s, 1 min, ...) after the video is stored.
        await using var receiver = await CallbackReceiver.StartAsync(failFirst: int.MaxValue);
        await using var host = await StartAsync(settings: new Dictionary<string, string?>
        {
            ["Callbacks:SigningSecret"] = StandardWebhooksNode.Secret,
            ["Callbacks:AllowLoopback"] = "true",
        });
        using var http = host.CreateApiClient();
        var body = JsonSerializer.Deserialize<Dictionary<string, object>>(Body())!;
        body["callbackUrl"] = new Uri(receiver.Url, "hooks/done").ToString();

        using var accepted = await PostAsync(http, JsonSerializer.Serialize(body));
        string id = (await JsonAsync(accepted)).GetProperty("id").GetString()!;
        var statusUrl = accepted.Headers.Location!;
        using var done = await PollUntilFinishedAsync(http, statusUrl);
        using var cancel = await http.DeleteAsync(statusUrl);
        var instance = await host.WaitAsync(id);

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Single((await JsonAsync(done)).GetProperty("videos").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(nameof(GenerationPhase.Succeeded), (await JsonAsync(cancel)).GetProperty("status").GetString());
        // The generation completed with its outcome; only its callback's delivery is still running.
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance!.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(CallbackDeliveries.InstanceIdFor(id)))!.RuntimeStatus);
        // The outcome is published before the first delivery attempt, which reads the URL from the payload store first.
        for (var waited = TimeSpan.Zero; receiver.Received.IsEmpty && waited < TimeSpan.FromSeconds(10); waited += TimeSpan.FromMilliseconds(50))
        {
            await Task.Delay(50);
        }
        Assert.NotEmpty(receiver.Received);
        Assert.Empty(host.Emulator.Activity.Deletes);
    }

    [Theory]
    [InlineData("g-0123456789abcdef0123456789abcdef")]
    [InlineData("not%20an%20id")]
    public async Task GetStatusAndCancel_UnknownId_Answer404Problem(string id)
    {
        await using var host = await StartAsync();
        using var http = host.CreateApiClient();

        using var get = await http.GetAsync("/api/generations/" + id);
        using var delete = await http.DeleteAsync("/api/generations/" + id);

        foreach (var response in new[] { get, delete })
        {
            var problem = await ProblemAssert.HasAsync(response, 404);
            Assert.Equal(Uri.UnescapeDataString(id), problem.GetProperty("id").GetString());
        }
        Assert.Empty(host.Emulator.Activity.Requests);
    }

    private static string Body(string prompt = Prompt, string? outputBlobName = null) =>
        HttpApi.Body(prompt, ("outputBlobName", outputBlobName));

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string body, string? idempotencyKey = null,
        string path = "/api/generations") => HttpApi.PostAsync(http, path, body, idempotencyKey);

    /// <summary>A body sent without Content-Length (chunked), so the server only learns its size by reading it.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedContent(byte[] bytes, string mediaType)
        {
            _bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            // In small pieces, as a streaming client would send it.
            for (int offset = 0; offset < _bytes.Length; offset += 256)
            {
                await stream.WriteAsync(_bytes.AsMemory(offset, Math.Min(256, _bytes.Length - offset)));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
