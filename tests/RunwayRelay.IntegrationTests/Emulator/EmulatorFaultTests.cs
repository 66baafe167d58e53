using System.Diagnostics;

namespace RunwayRelay.IntegrationTests.Emulator;

public sealed class EmulatorFaultTests : EmulatorTestBase
{
    [Fact]
    public async Task Read_TooManyRequestsNextOne_Returns429WithRetryAfterThen200()
    {
        var id = await CreateTaskAsync();
        Runway.Options.Faults.Read.TooManyRequestsNext = 1;
        Runway.Options.Faults.Read.RetryAfter = TimeSpan.FromMilliseconds(1500);

        using var limited = await SendAsync(HttpMethod.Get, $"/v1/tasks/{id}");
        using var next = await SendAsync(HttpMethod.Get, $"/v1/tasks/{id}");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), limited.Headers.RetryAfter?.Delta);
        Assert.Equal("1500", limited.Headers.GetValues("retry-after-ms").Single());
        Assert.False(string.IsNullOrEmpty((await JsonAsync(limited)).GetProperty("error").GetString()));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Create_ServerErrorNext_Returns500AndCreatesNothing()
    {
        Runway.Options.Faults.Create.ServerErrorNext = 1;

        using var failed = await SendAsync(HttpMethod.Post, "/v1/image_to_video", ImageToVideo());
        using var read = await SendAsync(HttpMethod.Get, "/v1/organization");

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Empty(Runway.Activity.Creates);
        Assert.Equal(1, Runway.Activity.CreateAttempts);
        Assert.Equal(Runway.Options.InitialCreditBalance, Runway.CreditBalance);
    }

    [Fact]
    public async Task Create_ServerErrorAfterProcessing_Returns502ButTheTaskExists()
    {
        Runway.Options.Faults.Create.ServerErrorNext = 1;
        Runway.Options.Faults.Create.ServerErrorStatusCode = 502;
        Runway.Options.Faults.Create.AfterProcessing = true;

        using var failed = await SendAsync(HttpMethod.Post, "/v1/image_to_video", ImageToVideo());

        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        var create = Assert.Single(Runway.Activity.Creates);
        var task = await GetTaskAsync(create.TaskId);
        Assert.Equal(create.TaskId, task.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Create_ServerErrorRateOne_OnlyAffectsCreates()
    {
        Runway.Options.Faults.Create.ServerErrorRate = 1;
        Runway.Options.Faults.Create.ServerErrorStatusCode = 503;

        using var create = await SendAsync(HttpMethod.Post, "/v1/image_to_video", ImageToVideo());
        using var read = await SendAsync(HttpMethod.Get, "/v1/organization");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, create.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Read_DropConnectionNext_FailsTheRequestWithoutAnswer()
    {
        Runway.Options.Faults.Read.DropConnectionNext = 1;

        await Assert.ThrowsAsync<HttpRequestException>(() => SendAsync(HttpMethod.Get, "/v1/organization"));
        using var next = await SendAsync(HttpMethod.Get, "/v1/organization");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Read_SlowNext_DelaysTheAnswer()
    {
        Runway.Options.Faults.Read.SlowNext = 1;
        Runway.Options.Faults.Read.SlowDelay = TimeSpan.FromMilliseconds(400);
        var watch = Stopwatch.StartNew();

        using var response = await SendAsync(HttpMethod.Get, "/v1/organization");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(380), $"answered after {watch.Elapsed}");
    }

    [Fact]
    public async Task Rates_SameSeed_GiveTheSameSequence()
    {
        async Task<string> RunAsync()
        {
            await using var runway = await RunwayEmulatorServer.StartAsync(new EmulatorOptions { RandomSeed = 7 });
            runway.Options.Faults.Read.TooManyRequestsRate = 0.5;
            using var http = new HttpClient { BaseAddress = runway.BaseUrl };
            var codes = new List<int>();
            for (var i = 0; i < 20; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/organization");
                request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {runway.ApiKey}");
                request.Headers.TryAddWithoutValidation("X-Runway-Version", Version);
                using var response = await http.SendAsync(request);
                codes.Add((int)response.StatusCode);
            }
            return string.Join(',', codes);
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(first, second);
        Assert.Contains("429", first);
        Assert.Contains("200", first);
    }

    [Fact]
    public async Task Download_TruncateNext_EndsBeforeContentLength()
    {
        Runway.Options.OutputSizeBytes = 4 * 1024 * 1024;
        var id = await CreateTaskAsync();
        var (_, final) = await WaitForEndAsync(id);
        var url = final.GetProperty("output")[0].GetString()!;
        Runway.Options.Faults.Download.TruncateNext = 1;

        var received = 0L;
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var response = await Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(4 * 1024 * 1024, response.Content.Headers.ContentLength);
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                received += read;
            }
        });
        Assert.InRange(received, 1, 4 * 1024 * 1024 - 1);

        using var whole = await Http.GetAsync(url);
        Assert.Equal(4 * 1024 * 1024, (await whole.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task AdminOptions_PatchOverHttp_ChangesLiveOptions()
    {
        using var patch = await Http.PatchAsync("/_emulator/options",
            new StringContent("""{"faults":{"create":{"serverErrorNext":1}},"insufficientCreditsStatusCode":402}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal(402, Runway.Options.InsufficientCreditsStatusCode);
        Assert.Equal(TimeSpan.FromMilliseconds(200), Runway.Options.GenerationTime); // untouched values stay
        using var create = await SendAsync(HttpMethod.Post, "/v1/image_to_video", ImageToVideo());
        Assert.Equal(HttpStatusCode.InternalServerError, create.StatusCode);

        using var bad = await Http.PatchAsync("/_emulator/options",
            new StringContent("""{"insufficientCreditsStatusCode":418}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("InsufficientCreditsStatusCode", (await JsonAsync(bad)).GetProperty("error").GetString());
    }
}
