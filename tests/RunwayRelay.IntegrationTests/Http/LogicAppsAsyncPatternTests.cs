namespace RunwayRelay.IntegrationTests.Http;

/// <summary>
/// The HTTP action of Logic Apps with its asynchronous pattern on: after a 202 it GETs the <c>Location</c> header's URL,
/// waiting <c>Retry-After</c> seconds between polls, as long as the answer is 202; the first other answer is the
/// action's result (2xx succeeded, 4xx/5xx failed). This client does exactly that, and nothing else.
/// </summary>
public sealed class LogicAppsAsyncPatternTests(AzuriteFixture azurite) : AzuriteTestBase(azurite)
{
    private static readonly Dictionary<string, string?> OneSecondPolls = new()
    {
        ["Runway:PollInterval"] = "00:00:01",
        ["Runway:MaxPollInterval"] = "00:00:01",
    };

    [Fact]
    public async Task HttpAction_FollowsLocationAndRetryAfter_EndsOn200WithTheStoredVideo()
    {
        // About 3 s of generation at the emulator: a few polls, each after the advertised Retry-After.
        await using var host = await GenerationHost.StartWebAsync(Azurite.ConnectionString, new EmulatorOptions { TimeScale = 0.05 }, OneSecondPolls);
        using var http = host.CreateApiClient();

        var run = await RunHttpActionAsync(http, """{"endpoint":"text_to_video","model":"gen4.5","promptText":"a lighthouse at dusk","ratio":"1280:720","duration":5}""");

        Assert.Equal(HttpStatusCode.OK, run.Final.StatusCode);
        Assert.True(run.Polls >= 2, $"expected the action to poll while running, it polled {run.Polls} times");
        Assert.All(run.Waits, w => Assert.Equal(TimeSpan.FromSeconds(1), w));
        Assert.All(run.Locations, l => Assert.Equal(run.Locations[0], l));
        using var body = JsonDocument.Parse(run.FinalBody);
        Assert.Equal(nameof(GenerationPhase.Succeeded), body.RootElement.GetProperty("status").GetString());
        var video = Assert.Single(body.RootElement.GetProperty("videos").EnumerateArray());
        var (_, bytes) = await host.BlobAsync(video.GetProperty("name").GetString()!);
        Assert.Equal(video.GetProperty("size").GetInt64(), bytes);
        Assert.Equal(1, host.Emulator.Activity.CreateAttempts);
    }

    [Fact]
    public async Task HttpAction_GenerationFails_EndsOnA5xxProblemSoTheActionFails()
    {
        await using var host = await GenerationHost.StartWebAsync(Azurite.ConnectionString,
            new EmulatorOptions { TimeScale = 0.05, Outcomes = { FailureRate = 1 } }, OneSecondPolls);
        using var http = host.CreateApiClient();

        var run = await RunHttpActionAsync(http, """{"endpoint":"text_to_video","model":"gen4.5","promptText":"a lighthouse at dusk","ratio":"1280:720","duration":5}""");

        Assert.True((int)run.Final.StatusCode >= 400, $"a failed generation must end the action failed, it answered {(int)run.Final.StatusCode}");
        Assert.Equal("application/problem+json", run.Final.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(run.FinalBody);
        Assert.Equal(nameof(GenerationPhase.Failed), body.RootElement.GetProperty("generationStatus").GetString());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("errorCode").GetString()));
    }

    private sealed record ActionRun(HttpResponseMessage Final, string FinalBody, int Polls, List<TimeSpan> Waits, List<Uri> Locations);

    /// <summary>Logic Apps' loop: POST; while 202, wait Retry-After (20 s when absent) and GET the latest Location.</summary>
    private static async Task<ActionRun> RunHttpActionAsync(HttpClient http, string body)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var response = await http.PostAsync("/api/generations", new StringContent(body, Encoding.UTF8, "application/json"), cts.Token);
        var waits = new List<TimeSpan>();
        var locations = new List<Uri>();
        int polls = 0;
        while (response.StatusCode == HttpStatusCode.Accepted)
        {
            var location = response.Headers.Location;
            Assert.NotNull(location);
            Assert.True(location.IsAbsoluteUri, $"Location must be absolute for Logic Apps, was {location}");
            locations.Add(location);
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(20);
            waits.Add(wait);
            response.Dispose();
            await Task.Delay(wait, cts.Token);
            response = await http.GetAsync(location, cts.Token);
            polls++;
        }
        return new ActionRun(response, await response.Content.ReadAsStringAsync(cts.Token), polls, waits, locations);
    }
}
