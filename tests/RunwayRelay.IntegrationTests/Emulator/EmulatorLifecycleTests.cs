namespace RunwayRelay.IntegrationTests.Emulator;

public sealed class EmulatorLifecycleTests : EmulatorTestBase
{
    [Fact]
    public async Task Task_AfterCreate_GoesPendingRunningSucceededWithPlayableMp4()
    {
        Runway.Options.QueueTime = TimeSpan.FromMilliseconds(100);
        Runway.Options.GenerationTime = TimeSpan.FromMilliseconds(600);
        // Runway's 5 s between progress updates would hide every step of a 600 ms task.
        Runway.Options.ProgressUpdateInterval = TimeSpan.FromMilliseconds(100);
        var id = await CreateTaskAsync();

        var first = await GetTaskAsync(id);
        Assert.Equal("PENDING", first.GetProperty("status").GetString());
        Assert.Equal(id, first.GetProperty("id").GetString());
        Assert.EndsWith("Z", first.GetProperty("createdAt").GetString());

        var progress = new List<double>();
        string status;
        do
        {
            await Task.Delay(30);
            var task = await GetTaskAsync(id);
            status = task.GetProperty("status").GetString()!;
            if (status == "RUNNING")
            {
                progress.Add(task.GetProperty("progress").GetDouble());
            }
        }
        while (status is "PENDING" or "RUNNING");

        Assert.Equal("SUCCEEDED", status);
        Assert.True(progress.Count >= 2, $"saw RUNNING {progress.Count} times");
        Assert.All(progress, p => Assert.InRange(p, 0, 1));
        Assert.True(progress[^1] > progress[0], "progress should rise");

        var final = await GetTaskAsync(id);
        var url = Assert.Single(final.GetProperty("output").EnumerateArray()).GetString()!;
        Assert.StartsWith(Runway.BaseUrl.ToString().TrimEnd('/'), url);
        using var download = await Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("video/mp4", download.Content.Headers.ContentType?.MediaType);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.Length, download.Content.Headers.ContentLength);
        Assert.Equal("ftyp", Encoding.ASCII.GetString(bytes, 4, 4));
        Assert.Contains("moov", Encoding.ASCII.GetString(bytes));
        Assert.Contains("avc1", Encoding.ASCII.GetString(bytes));
        Assert.Equal(1, Runway.Activity.DownloadsByTask[id]);
    }

    [Fact]
    public async Task Task_TextToImage_SucceedsWithPng()
    {
        var id = await CreateTaskAsync(new { model = "gen4_image", promptText = "a cat", ratio = "1280:720" }, "text_to_image");

        var (_, final) = await WaitForEndAsync(id);

        var url = final.GetProperty("output")[0].GetString()!;
        using var download = await Http.GetAsync(url);
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal("PNG", Encoding.ASCII.GetString(bytes, 1, 3));
    }

    [Fact]
    public async Task Task_FailMarkerInPrompt_EndsFailedWithThatCode()
    {
        var id = await CreateTaskAsync(ImageToVideo("a fox [emulator:fail=SAFETY.INPUT.TEXT]"));

        var (seen, final) = await WaitForEndAsync(id);

        Assert.Equal("FAILED", seen[^1]);
        Assert.Equal("SAFETY.INPUT.TEXT", final.GetProperty("failureCode").GetString());
        Assert.False(string.IsNullOrWhiteSpace(final.GetProperty("failure").GetString()));
        Assert.False(final.TryGetProperty("output", out _));
        // SAFETY.INPUT failures are not refunded.
        Assert.Equal(60, final.GetProperty("cost").GetProperty("credits").GetInt64());
        Assert.Equal(Runway.Options.InitialCreditBalance - 60, Runway.CreditBalance);
    }

    [Fact]
    public async Task Task_FailureRateOne_EndsFailedWithConfiguredCodeAndIsRefunded()
    {
        Runway.Options.Outcomes.FailureRate = 1;
        Runway.Options.Outcomes.FailureCode = "INTERNAL.BAD_OUTPUT.CODE01";
        var id = await CreateTaskAsync();

        var (_, final) = await WaitForEndAsync(id);

        Assert.Equal("FAILED", final.GetProperty("status").GetString());
        Assert.Equal("INTERNAL.BAD_OUTPUT.CODE01", final.GetProperty("failureCode").GetString());
        Assert.Equal(0, final.GetProperty("cost").GetProperty("credits").GetInt64());
        Assert.Equal(Runway.Options.InitialCreditBalance, Runway.CreditBalance);
    }

    [Fact]
    public async Task Task_SucceedMarkerWithFailureRateOne_Succeeds()
    {
        Runway.Options.Outcomes.FailureRate = 1;
        var id = await CreateTaskAsync(ImageToVideo("a fox [emulator:succeed]"));

        var (_, final) = await WaitForEndAsync(id);

        Assert.Equal("SUCCEEDED", final.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Tasks_OverConcurrencyLimit_WaitThrottledThenRunInOrder()
    {
        Runway.Options.Models["gen4.5"] = new ModelLimitOptions { MaxConcurrentGenerations = 1, MaxDailyGenerations = 10 };
        Runway.Options.QueueTime = TimeSpan.Zero;
        Runway.Options.GenerationTime = TimeSpan.FromMilliseconds(500);
        var first = await CreateTaskAsync();
        var second = await CreateTaskAsync();
        var otherModel = await CreateTaskAsync(new { model = "gen4_turbo", promptImage = "https://example.com/a.png", ratio = "1280:720" });

        Assert.Equal("RUNNING", (await GetTaskAsync(first)).GetProperty("status").GetString());
        var waiting = await GetTaskAsync(second);
        Assert.Equal("THROTTLED", waiting.GetProperty("status").GetString());
        Assert.False(waiting.TryGetProperty("progress", out _));
        Assert.Equal("RUNNING", (await GetTaskAsync(otherModel)).GetProperty("status").GetString());

        var (firstSeen, _) = await WaitForEndAsync(first);
        var (secondSeen, _) = await WaitForEndAsync(second);
        Assert.Equal(["RUNNING", "SUCCEEDED"], firstSeen);
        Assert.Equal("SUCCEEDED", secondSeen[^1]);
    }

    [Fact]
    public async Task Delete_RunningTask_Returns204ThenGetAndDeleteReturn404()
    {
        Runway.Options.GenerationTime = TimeSpan.FromSeconds(30);
        var id = await CreateTaskAsync();
        await Task.Delay(50);

        using var delete = await SendAsync(HttpMethod.Delete, $"/v1/tasks/{id}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(0, delete.Content.Headers.ContentLength ?? 0);

        using var get = await SendAsync(HttpMethod.Get, $"/v1/tasks/{id}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.False(string.IsNullOrEmpty((await JsonAsync(get)).GetProperty("error").GetString()));
        using var again = await SendAsync(HttpMethod.Delete, $"/v1/tasks/{id}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        // A cancelled task gives its credits back.
        Assert.Equal(Runway.Options.InitialCreditBalance, Runway.CreditBalance);
        Assert.Equal([id, id], Runway.Activity.Deletes);
    }

    [Fact]
    public async Task Delete_SucceededTask_Returns204AndOutputIsGone()
    {
        var id = await CreateTaskAsync();
        var (_, final) = await WaitForEndAsync(id);
        var url = final.GetProperty("output")[0].GetString()!;

        using var delete = await SendAsync(HttpMethod.Delete, $"/v1/tasks/{id}");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var get = await SendAsync(HttpMethod.Get, $"/v1/tasks/{id}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        using var download = await Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        // Deleting a finished task is not a refund.
        Assert.Equal(Runway.Options.InitialCreditBalance - 60, Runway.CreditBalance);
    }

    [Fact]
    public async Task GetAndDelete_UnknownTask_Return404()
    {
        var id = Guid.NewGuid();

        using var get = await SendAsync(HttpMethod.Get, $"/v1/tasks/{id}");
        using var delete = await SendAsync(HttpMethod.Delete, $"/v1/tasks/{id}");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
    }

    [Fact]
    public async Task Activity_AfterPollsAndCreates_CountsPerTaskKeyAndModel()
    {
        var id = await CreateTaskAsync();
        var otherKey = RunwayEmulatorServer.CreateApiKey();
        using (var other = await SendAsync(HttpMethod.Post, "/v1/text_to_video", new { model = "veo3.1", promptText = "x", ratio = "1280:720" }, key: otherKey))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }
        await GetTaskAsync(id);
        await GetTaskAsync(id);
        await GetTaskAsync(id);

        var activity = Runway.Activity;
        Assert.Equal(2, activity.Creates.Count);
        Assert.Equal(1, activity.CreatesByKey[RunwayEmulatorServer.KeyFingerprint(Key)]);
        Assert.Equal(1, activity.CreatesByKey[RunwayEmulatorServer.KeyFingerprint(otherKey)]);
        Assert.Equal(1, activity.CreatesByModel["veo3.1"]);
        Assert.Equal(1, activity.CreatesByEndpoint["image_to_video"]);
        Assert.Equal(3, activity.PollsByTask[id]);

        Runway.Reset();
        Assert.Empty(Runway.Activity.Requests);
        using var gone = await SendAsync(HttpMethod.Get, $"/v1/tasks/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
