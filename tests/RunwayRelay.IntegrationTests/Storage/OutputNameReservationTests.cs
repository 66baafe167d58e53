namespace RunwayRelay.IntegrationTests.Storage;

/// <summary>
/// An output name is reserved when a generation is accepted, so two generations can never be billed for one name
/// (one of them would be unable to store its video). Real HTTP API, in-memory durable engine, emulator, Azurite.
/// </summary>
public sealed class OutputNameReservationTests(AzuriteFixture azurite) : AzuriteTestBase(azurite)
{
    [Fact]
    public async Task Start_ConcurrentPostsForOneNewName_OneAccepted_RestConflict_OneCreate()
    {
        const int posts = 8;
        await using var host = await GenerationHost.StartWebAsync(Azurite.ConnectionString);
        using var http = host.CreateApiClient();
        string body = Body("race/winner.mp4");

        var answers = await Task.WhenAll(Enumerable.Range(0, posts).Select(_ => PostAsync(http, body)));

        var accepted = Assert.Single(answers, a => a.Status == HttpStatusCode.Accepted);
        var conflicts = answers.Where(a => a.Status == HttpStatusCode.Conflict).ToList();
        Assert.Equal(posts - 1, conflicts.Count);
        Assert.All(conflicts, c =>
        {
            Assert.Equal("application/problem+json", c.ContentType);
            Assert.True(c.Json.GetProperty("errors").TryGetProperty("outputBlobName", out _), c.Json.ToString());
        });
        string id = accepted.Json.GetProperty("id").GetString()!;
        var meta = await host.WaitAsync(id);
        Assert.Equal(GenerationPhase.Succeeded, meta.ReadOutputAs<GenerationOutcome>()!.Status);
        Assert.Single(host.Emulator.Activity.Creates);
        Assert.Equal(1, host.Emulator.Activity.CreateAttempts);
        Assert.Equal(1, await CountInstancesAsync(host));
    }

    [Fact]
    public async Task Start_NameOfAFailedGeneration_IsFreeAgain()
    {
        await using var host = await GenerationHost.StartWebAsync(Azurite.ConnectionString);
        using var http = host.CreateApiClient();

        var failed = await PostAsync(http, Body("retry/clip.mp4", "a storm [emulator:fail=SAFETY.INPUT.TEXT]"));
        Assert.Equal(HttpStatusCode.Accepted, failed.Status);
        var first = await host.WaitAsync(failed.Json.GetProperty("id").GetString()!);
        Assert.Equal(GenerationPhase.Failed, first.ReadOutputAs<GenerationOutcome>()!.Status);

        var again = await PostAsync(http, Body("retry/clip.mp4"));

        Assert.Equal(HttpStatusCode.Accepted, again.Status);
        var second = await host.WaitAsync(again.Json.GetProperty("id").GetString()!);
        Assert.Equal(GenerationPhase.Succeeded, second.ReadOutputAs<GenerationOutcome>()!.Status);
        Assert.Equal(2, host.Emulator.Activity.Creates.Count);
    }

    [Fact]
    public async Task Start_NameOfAStoredVideo_Conflicts_AndNothingIsSubmitted()
    {
        await using var host = await GenerationHost.StartWebAsync(Azurite.ConnectionString);
        using var http = host.CreateApiClient();
        var first = await PostAsync(http, Body("kept/clip.mp4"));
        await host.WaitAsync(first.Json.GetProperty("id").GetString()!);

        var second = await PostAsync(http, Body("kept/clip.mp4"));

        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.Single(host.Emulator.Activity.Creates);
    }

    [Fact]
    public async Task StartUpload_TwoImagesWithOneNaturalName_SecondGetsNameOfItsOwnAtAcceptance_BothStored()
    {
        await using var host = await GenerationHost.StartWebAsync(Azurite.ConnectionString, new EmulatorOptions { TimeScale = 0.005 });
        var starter = host.Services.GetRequiredService<BlobGenerationStarter>();
        var inbox = host.Services.GetRequiredKeyedService<BlobServiceClient>(VideoStorageClientFactory.ConnectionName)
            .GetBlobContainerClient("inbox-" + Guid.NewGuid().ToString("N")[..10]);
        await inbox.CreateAsync();
        var png = inbox.GetBlobClient("pets/cat.png");
        var jpg = inbox.GetBlobClient("pets/cat.jpg");
        await png.UploadAsync(BinaryData.FromBytes(TinyImage()), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/png" } });
        await jpg.UploadAsync(BinaryData.FromBytes([0xFF, 0xD8, 0xFF, 0xE0, .. new byte[64]]), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/jpeg" } });

        var results = await Task.WhenAll(starter.StartAsync(png, host.Client), starter.StartAsync(jpg, host.Client));

        Assert.All(results, r => Assert.Equal(BlobGenerationOutcome.Started, r.Outcome));
        var names = results.Select(r => r.OutputBlobName!).ToList();
        Assert.Contains("pets/cat.mp4", names);
        var own = Assert.Single(names, n => n != "pets/cat.mp4");
        var suffixed = Assert.Single(results, r => r.OutputBlobName == own);
        Assert.Equal($"pets/cat-{suffixed.GenerationId![^8..]}.mp4", own);
        foreach (var result in results)
        {
            var outcome = (await host.WaitAsync(result.GenerationId!)).ReadOutputAs<GenerationOutcome>()!;
            Assert.Equal(GenerationPhase.Succeeded, outcome.Status);
            Assert.Equal(result.OutputBlobName, Assert.Single(outcome.Videos).Name);
        }
        Assert.Equal(2, host.Emulator.Activity.Creates.Count);
    }

    /// <summary>A 1x1 PNG. (The JPEG above is only its signature: the emulator checks the media type, not the pixels.)</summary>
    private static byte[] TinyImage() => Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static string Body(string outputBlobName, string prompt = Http.HttpApi.Prompt) =>
        Http.HttpApi.Body(prompt, ("outputBlobName", outputBlobName));

    private static async Task<Answer> PostAsync(HttpClient http, string body)
    {
        using var response = await http.PostAsync("/api/generations", new StringContent(body, Encoding.UTF8, "application/json"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return new Answer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, json.RootElement.Clone());
    }

    private static async Task<int> CountInstancesAsync(GenerationHost host)
    {
        int count = 0;
        await foreach (var _ in host.Client.GetAllInstancesAsync(new OrchestrationQuery()))
        {
            count++;
        }
        return count;
    }

    private sealed record Answer(HttpStatusCode Status, string? ContentType, JsonElement Json);
}
