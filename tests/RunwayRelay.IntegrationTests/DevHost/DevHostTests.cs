namespace RunwayRelay.IntegrationTests.DevHost;

/// <summary>
/// The DevHost process end to end: HTTP API, the durable Azure Storage backend on Azurite, the emulator over HTTP,
/// durability across a crash, and two processes sharing one task hub.
/// </summary>
public sealed class DevHostTests(AzuriteFixture azurite) : AzuriteTestBase(azurite)
{
    [Fact]
    public async Task DevHost_HttpApiEndToEnd_StoresTheEmulatorsVideoOnce()
    {
        await using var runway = await RunwayEmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0.02 });
        var settings = DevHostProcess.Settings(Azurite.ConnectionString, runway);
        await using var devhost = await DevHostProcess.StartAsync(settings);

        var accepted = await devhost.StartGenerationAsync(DevHostProcess.TextToVideo);
        string id = accepted.GetProperty("id").GetString()!;
        var (status, body) = await devhost.FollowAsync(id, TimeSpan.FromSeconds(60));

        Assert.Equal(200, status);
        Assert.Equal("Succeeded", body.GetProperty("status").GetString());
        var video = Assert.Single(body.GetProperty("videos").EnumerateArray());
        string taskId = body.GetProperty("runwayTaskId").GetString()!;
        var expected = await EmulatorOutputAsync(runway, taskId);
        var blob = new BlobServiceClient(Azurite.ConnectionString)
            .GetBlobContainerClient(settings["Output__Container"]).GetBlobClient(video.GetProperty("name").GetString());
        byte[] stored = (await blob.DownloadContentAsync()).Value.Content.ToArray();
        Assert.Equal(expected, stored);
        Assert.Equal(stored.LongLength, video.GetProperty("size").GetInt64());

        // The read-only link the status answer carries serves the same bytes without any other credential.
        using var anonymous = new HttpClient();
        Assert.Equal(stored, await anonymous.GetByteArrayAsync(video.GetProperty("downloadUrl").GetString()));

        Assert.Single(runway.Activity.Creates);
        Assert.DoesNotContain(runway.ApiKey, devhost.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("sig=", devhost.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevHost_KilledMidGeneration_CompletesAfterRestartWithOneSubmission()
    {
        // 2 s queue + 60 s generation at 0.1: about 6 s of RUNNING to crash in.
        await using var runway = await RunwayEmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0.1 });
        var settings = DevHostProcess.Settings(Azurite.ConnectionString, runway);
        // What the dead process had taken comes back after this, instead of the local default of 30 s.
        settings["DevHost__MessageVisibilityTimeout"] = "00:00:03";

        string id;
        await using (var first = await DevHostProcess.StartAsync(settings))
        {
            id = (await first.StartGenerationAsync(DevHostProcess.TextToVideo, idempotencyKey: "crash-" + Guid.NewGuid())).GetProperty("id").GetString()!;
            var (status, running) = await first.FollowAsync(id, TimeSpan.FromSeconds(30),
                until: b => b.GetProperty("runwayStatus").ValueKind == JsonValueKind.String && b.GetProperty("runwayStatus").GetString() == "RUNNING");
            Assert.Equal(202, status);
            Assert.Equal("RUNNING", running.GetProperty("runwayStatus").GetString());
            await first.KillAsync();
        }
        Assert.Single(runway.Activity.Creates);

        await using var second = await DevHostProcess.StartAsync(settings);
        var (finalStatus, body) = await second.FollowAsync(id, TimeSpan.FromSeconds(60));

        Assert.Equal(200, finalStatus);
        Assert.Equal("Succeeded", body.GetProperty("status").GetString());
        Assert.Single(runway.Activity.Creates);
        var video = Assert.Single(body.GetProperty("videos").EnumerateArray());
        var expected = await EmulatorOutputAsync(runway, body.GetProperty("runwayTaskId").GetString()!);
        var stored = (await new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient(settings["Output__Container"])
            .GetBlobClient(video.GetProperty("name").GetString()).DownloadContentAsync()).Value.Content.ToArray();
        Assert.Equal(SHA256.HashData(expected), SHA256.HashData(stored));
    }

    [Fact]
    public async Task DevHost_NoRunwayUrl_EmbedsTheEmulatorAndCompletes()
    {
        var settings = DevHostProcess.Settings(Azurite.ConnectionString);
        settings["Emulator__TimeScale"] = "0.01";
        await using var devhost = await DevHostProcess.StartAsync(settings);

        var accepted = await devhost.StartGenerationAsync(DevHostProcess.TextToVideo);
        var (status, body) = await devhost.FollowAsync(accepted.GetProperty("id").GetString()!, TimeSpan.FromSeconds(60));

        Assert.Equal(200, status);
        Assert.Contains($"embedded emulator at {devhost.Url.GetLeftPart(UriPartial.Authority)}/runway", devhost.Output, StringComparison.Ordinal);
        Assert.Equal("video/mp4", Assert.Single(body.GetProperty("videos").EnumerateArray()).GetProperty("contentType").GetString());
        // The embedded emulator's journal, over its admin endpoint: one create.
        using var journal = await devhost.Http.GetAsync(new Uri("/runway/_emulator/requests", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, journal.StatusCode);
        var activity = JsonDocument.Parse(await journal.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, activity.GetProperty("creates").GetArrayLength());
    }

    [Fact]
    public async Task DevHost_GetHealth_Answers200FromTheEmbeddedEmulatorAndTwoProbesReadRunwayOnce()
    {
        await using var devhost = await DevHostProcess.StartAsync(DevHostProcess.Settings(Azurite.ConnectionString));

        using var first = await devhost.Http.GetAsync(new Uri("/api/health", UriKind.Relative));
        using var second = await devhost.Http.GetAsync(new Uri("/api/health", UriKind.Relative));
        using var healthz = await devhost.Http.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        var body = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        var runway = Assert.Single(body.GetProperty("parts").EnumerateArray(), p => p.GetProperty("name").GetString() == "runway");
        Assert.True(runway.GetProperty("data").GetProperty("creditBalance").GetInt64() > 0);
        using var journal = await devhost.Http.GetAsync(new Uri("/runway/_emulator/requests", UriKind.Relative));
        var requests = JsonDocument.Parse(await journal.Content.ReadAsStringAsync()).RootElement.GetProperty("requests");
        Assert.Single(requests.EnumerateArray(), r => r.GetProperty("path").GetString()!.EndsWith("/v1/organization", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DevHost_ImagesUploadedToInbox_StartOneGenerationEachAndRefuseNonImages()
    {
        await using var runway = await RunwayEmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0.01 });
        var settings = DevHostProcess.Settings(Azurite.ConnectionString, runway);
        await using var devhost = await DevHostProcess.StartAsync(settings);
        var storage = new BlobServiceClient(Azurite.ConnectionString);
        var inbox = storage.GetBlobContainerClient(settings["Input__Container"]);
        var output = storage.GetBlobContainerClient(settings["Output__Container"]);
        await inbox.CreateIfNotExistsAsync();

        // A 1x1 PNG, with the prompt in the blob's metadata as users upload it.
        byte[] png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        await inbox.GetBlobClient("cats/cat.png").UploadAsync(new BinaryData(png), new Azure.Storage.Blobs.Models.BlobUploadOptions
        {
            Metadata = new Dictionary<string, string> { ["prompt"] = "the cat turns its head" },
        });
        await inbox.GetBlobClient("notes.txt").UploadAsync(BinaryData.FromString("not an image"));

        var video = output.GetBlobClient("cats/cat.mp4");
        var refusal = output.GetBlobClient("notes.error.json");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await video.ExistsAsync()).Value || !(await refusal.ExistsAsync()).Value)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no video and refusal after 60 s:\n{devhost.Output}");
            await Task.Delay(250);
        }
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // three more scans of the same blobs

        var create = Assert.Single(runway.Activity.Creates);
        Assert.Equal("image_to_video", create.Endpoint);
        var first = await video.GetPropertiesAsync();
        Assert.Equal("video/mp4", first.Value.ContentType);
        string why = (await refusal.DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("JPEG, PNG or WebP", why, StringComparison.Ordinal);

        // Uploading the image again is a new generation; its video gets a name of its own and the first one is kept.
        await inbox.GetBlobClient("cats/cat.png").UploadAsync(new BinaryData(png), new Azure.Storage.Blobs.Models.BlobUploadOptions
        {
            Metadata = new Dictionary<string, string> { ["prompt"] = "the cat turns its head again" },
        });
        List<string> videos;
        do
        {
            Assert.True(DateTime.UtcNow < deadline.AddSeconds(60), $"no second video:\n{devhost.Output}");
            await Task.Delay(250);
            videos = [];
            await foreach (var item in output.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "cats/", CancellationToken.None))
            {
                videos.Add(item.Name);
            }
        }
        while (videos.Count < 2);
        Assert.Equal(2, runway.Activity.Creates.Count);
        Assert.Contains(videos, v => v.StartsWith("cats/cat-", StringComparison.Ordinal) && v.EndsWith(".mp4", StringComparison.Ordinal));
        Assert.Equal(first.Value.ETag, (await video.GetPropertiesAsync()).Value.ETag);
    }

    [Fact]
    public async Task DevHost_InvalidSettings_ExitWithOneActionableLineEach()
    {
        var settings = DevHostProcess.Settings(Azurite.ConnectionString);
        settings["DevHost__TaskHub"] = "9-not-a-hub";
        settings["Output__DownloadLinkLifetime"] = "8.00:00:00";
        settings["DevHost__MaxConcurrentActivities"] = "0";
        settings["DevHost__MaxConcurrentOrchestrations"] = "1001";
        settings["DevHost__InboxMaxAttempts"] = "0";
        await using var devhost = await DevHostProcess.StartAsync(settings, waitUntilHealthy: false);

        int code = await devhost.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, code);
        Assert.Contains("Invalid setting: DevHost__TaskHub must be 3 to 45 letters and digits, starting with a letter.", devhost.Output, StringComparison.Ordinal);
        Assert.Contains("Invalid setting: Output__DownloadLinkLifetime must be between", devhost.Output, StringComparison.Ordinal);
        Assert.Contains("Invalid setting: DevHost__MaxConcurrentActivities must be from 1 to 1000.", devhost.Output, StringComparison.Ordinal);
        Assert.Contains("Invalid setting: DevHost__MaxConcurrentOrchestrations must be from 1 to 1000.", devhost.Output, StringComparison.Ordinal);
        Assert.Contains("Invalid setting: DevHost__InboxMaxAttempts must be from 1 to 100.", devhost.Output, StringComparison.Ordinal);
        // Logged too, as the Functions worker logs them (event 850), so a log query finds what stderr showed.
        Assert.Contains("RunwayRelay.Hosting.InvalidSettings[850]", devhost.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", devhost.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevHost_MalformedRunwayKey_ExitsNamingTheProblemWithoutTheKey()
    {
        await using var runway = await RunwayEmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0.01 });
        var settings = DevHostProcess.Settings(Azurite.ConnectionString, runway);
        string malformed = runway.ApiKey[..^1] + "Z";
        settings["RUNWAYML_API_SECRET"] = malformed;
        await using var devhost = await DevHostProcess.StartAsync(settings, waitUntilHealthy: false);

        int code = await devhost.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, code);
        Assert.Contains("RUNWAYML_API_SECRET", devhost.Output, StringComparison.Ordinal);
        Assert.Contains("at position 132", devhost.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(malformed, devhost.Output, StringComparison.Ordinal);
        Assert.Empty(runway.Activity.Creates);
    }

    [Fact]
    public async Task DevHost_SameIdempotencyKeyPostedToTwoProcesses_CreatesOneRunwayTask()
    {
        // Two processes on one task hub and storage. The Azure Storage backend accepts a second start of an instance id
        // that is already running, so what keeps one generation to one paid Runway task across processes is the ledger.
        await using var runway = await RunwayEmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0.02 });
        var settings = DevHostProcess.Settings(Azurite.ConnectionString, runway);
        await using var first = await DevHostProcess.StartAsync(settings);
        await using var second = await DevHostProcess.StartAsync(settings);
        string key = "both-" + Guid.NewGuid();

        var accepted = await Task.WhenAll(first.StartGenerationAsync(DevHostProcess.TextToVideo, key), second.StartGenerationAsync(DevHostProcess.TextToVideo, key));

        string id = accepted[0].GetProperty("id").GetString()!;
        Assert.Equal(id, accepted[1].GetProperty("id").GetString());
        var (status, body) = await first.FollowAsync(id, TimeSpan.FromSeconds(90));
        var (otherStatus, otherBody) = await second.FollowAsync(id, TimeSpan.FromSeconds(90));
        Assert.Equal(status, otherStatus);
        Assert.Equal(body.GetProperty("status").GetString(), otherBody.GetProperty("status").GetString());
        // Give a second execution, if any, time to reach Runway before counting.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(runway.Activity.Creates);
        Assert.Equal(1, runway.Activity.CreateAttempts);
        Assert.True(status == 200, $"{status}: {body}\n--- first\n{first.Output}\n--- second\n{second.Output}");
    }

    private static async Task<byte[]> EmulatorOutputAsync(RunwayEmulatorServer runway, string taskId)
    {
        using var http = new HttpClient { BaseAddress = runway.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/tasks/{taskId}");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {runway.ApiKey}");
        request.Headers.TryAddWithoutValidation("X-Runway-Version", "2024-11-06");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var task = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return await http.GetByteArrayAsync(task.GetProperty("output")[0].GetString());
    }
}
