using RunwayRelay.Health;
using static RunwayRelay.IntegrationTests.Http.MoneyApi;

namespace RunwayRelay.IntegrationTests.Http;

/// <summary>
/// Cost before submission and the spending guards, end to end: the real HTTP API and durable engine over the emulator
/// (which charges credits by its own price table) and Azurite (the daily spend records).
/// </summary>
public sealed class BudgetTests(AzuriteFixture azurite) : AzuriteTestBase(azurite)
{
    private const string ProblemJson = "application/problem+json";

    [Theory]
    [InlineData("text_to_video", "gen4.5", 5, null, "1280:720")]
    [InlineData("text_to_video", "gen4.5", 9, null, "720:1280")]
    [InlineData("text_to_video", "veo3.1", 8, null, "1280:720")]
    [InlineData("text_to_video", "veo3.1_fast", 6, false, "1280:720")]
    [InlineData("text_to_video", "seedance2", 10, null, "1280:720")]
    [InlineData("text_to_image", "gen4_image", null, null, "1280:720")]
    public async Task Quote_ThenStart_EstimateEqualsWhatTheEmulatorChargesAndRunwayReportsSpent(string endpoint, string model, int? duration, bool? audio, string ratio)
    {
        await using var host = await StartAsync(Azurite);
        using var http = host.CreateApiClient();
        string body = Body(model, duration, endpoint, ratio, audio);

        using var quote = await PostAsync(http, "/api/generations/quote", body);
        Assert.Equal(HttpStatusCode.OK, quote.StatusCode);
        var quoted = await JsonAsync(quote);
        long estimate = quoted.GetProperty("estimatedCredits").GetInt64();
        Assert.Equal(estimate * 0.01m, quoted.GetProperty("estimatedUsd").GetDecimal());
        Assert.Equal(JsonValueKindNull, quoted.GetProperty("refusal").ValueKind);
        Assert.Empty(host.Emulator.Activity.Creates);

        using var accepted = await PostAsync(http, "/api/generations", body);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(estimate, (await JsonAsync(accepted)).GetProperty("estimatedCredits").GetInt64());
        var (done, _) = await FollowAsync(http, accepted.Headers.Location!);

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var charged = Assert.Single(host.Emulator.Activity.Creates).Credits;
        Assert.Equal(charged, estimate);
        var final = await JsonAsync(done);
        Assert.Equal(estimate, final.GetProperty("estimatedCredits").GetInt64());
        Assert.Equal(charged, final.GetProperty("creditsSpent").GetInt64());
    }

    [Fact]
    public async Task Quote_OverPerGenerationCap_NamesTheRefusalAndSubmitsNothing()
    {
        await using var host = await StartAsync(Azurite, new Dictionary<string, string?> { ["Budget:MaxCreditsPerGeneration"] = "100" });
        using var http = host.CreateApiClient();

        using var quote = await PostAsync(http, "/api/generations/quote", Body(duration: 10));

        Assert.Equal(HttpStatusCode.OK, quote.StatusCode);
        var quoted = await JsonAsync(quote);
        Assert.Equal(120, quoted.GetProperty("estimatedCredits").GetInt64());
        Assert.Equal(100, quoted.GetProperty("maxCreditsPerGeneration").GetInt64());
        Assert.Equal(GenerationErrorCodes.BudgetPerGenerationExceeded, quoted.GetProperty("refusal").GetString());
        Assert.Equal(0, host.Emulator.Activity.CreateAttempts);
        Assert.Empty(host.Client.GetAllInstancesAsync().ToBlockingEnumerable());
    }

    [Fact]
    public async Task Quote_InvalidBody_Answers400ProblemLikeStart()
    {
        await using var host = await StartAsync(Azurite);
        using var http = host.CreateApiClient();

        using var quote = await PostAsync(http, "/api/generations/quote", Body(duration: 99));

        Assert.Equal(HttpStatusCode.BadRequest, quote.StatusCode);
        Assert.Equal(ProblemJson, quote.Content.Headers.ContentType?.MediaType);
        Assert.True((await JsonAsync(quote)).GetProperty("errors").TryGetProperty("duration", out _));
    }

    [Fact]
    public async Task Start_EstimateOverPerGenerationCap_Answers402AndCreatesNothing()
    {
        await using var host = await StartAsync(Azurite, new Dictionary<string, string?> { ["Budget:MaxCreditsPerGeneration"] = "50" });
        using var http = host.CreateApiClient();

        using var refused = await PostAsync(http, "/api/generations", Body(duration: 5));

        Assert.Equal(HttpStatusCode.PaymentRequired, refused.StatusCode);
        Assert.Equal(ProblemJson, refused.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(refused);
        Assert.Equal(GenerationErrorCodes.BudgetPerGenerationExceeded, problem.GetProperty("errorCode").GetString());
        Assert.Equal(60, problem.GetProperty("estimatedCredits").GetInt64());
        Assert.Equal(50, problem.GetProperty("limitCredits").GetInt64());
        Assert.Contains("Budget__MaxCreditsPerGeneration", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, host.Emulator.Activity.CreateAttempts);

        using var withinCap = await PostAsync(http, "/api/generations", Body(duration: 4));
        Assert.Equal(HttpStatusCode.Accepted, withinCap.StatusCode);
    }

    [Fact]
    public async Task GetHealth_AfterAGenerationWithADailyBudget_ReportsTodaysUseAndStays200()
    {
        await using var host = await StartAsync(Azurite, new Dictionary<string, string?> { ["Budget:MaxCreditsPerDay"] = "100" });
        using var http = host.CreateApiClient();
        using var first = await PostAsync(http, "/api/generations", Body(duration: 5));
        var (done, _) = await FollowAsync(http, first.Headers.Location!);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);

        using var health = await http.GetAsync(HealthEndpointRouteBuilderExtensions.Route);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var budget = (await JsonAsync(health)).GetProperty("parts").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == HealthParts.Budget);
        Assert.Equal("healthy", budget.GetProperty("status").GetString());
        var data = budget.GetProperty("data");
        Assert.Equal((60L, 100L, 40L, 1), (data.GetProperty("spentCredits").GetInt64(), data.GetProperty("limitCredits").GetInt64(),
            data.GetProperty("leftCredits").GetInt64(), data.GetProperty("generations").GetInt32()));
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), data.GetProperty("date").GetString());
    }

    [Fact]
    public async Task Start_DailyBudgetSpent_Answers429WithRetryAfterUntilUtcMidnightAndCreatesNothing()
    {
        await using var host = await StartAsync(Azurite, new Dictionary<string, string?> { ["Budget:MaxCreditsPerDay"] = "100" });
        using var http = host.CreateApiClient();
        using var first = await PostAsync(http, "/api/generations", Body(duration: 5));
        var (done, _) = await FollowAsync(http, first.Headers.Location!);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);

        using var second = await PostAsync(http, "/api/generations", Body(duration: 5));

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        var problem = await JsonAsync(second);
        Assert.Equal(GenerationErrorCodes.BudgetPerDayExceeded, problem.GetProperty("errorCode").GetString());
        Assert.Equal((60L, 100L, 40L), (problem.GetProperty("estimatedCredits").GetInt64(), problem.GetProperty("limitCredits").GetInt64(),
            problem.GetProperty("leftCredits").GetInt64()));
        var midnight = DateTimeOffset.UtcNow.Date.AddDays(1);
        Assert.Equal(new DateTimeOffset(midnight, TimeSpan.Zero), problem.GetProperty("resetsAt").GetDateTimeOffset());
        var wait = second.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(wait.TotalSeconds, (midnight - DateTime.UtcNow).TotalSeconds - 30, (midnight - DateTime.UtcNow).TotalSeconds + 30);
        Assert.Equal(1, host.Emulator.Activity.CreateAttempts);
    }

    [Fact]
    public async Task Start_RepeatWithSameIdempotencyKeyAfterTheDayIsSpent_AnswersTheSameGeneration()
    {
        await using var host = await StartAsync(Azurite, new Dictionary<string, string?> { ["Budget:MaxCreditsPerDay"] = "60" });
        using var http = host.CreateApiClient();
        string key = "repeat-" + Guid.NewGuid();
        using var first = await SendWithKeyAsync(http, key);
        Assert.Equal(HttpStatusCode.OK, (await FollowAsync(http, first.Headers.Location!)).Final.StatusCode);

        using var repeat = await SendWithKeyAsync(http, key);
        using var other = await PostAsync(http, "/api/generations", Body(prompt: "another"));

        Assert.Equal(HttpStatusCode.Accepted, repeat.StatusCode);
        Assert.Equal(first.Headers.Location, repeat.Headers.Location);
        Assert.Equal(HttpStatusCode.TooManyRequests, other.StatusCode);
        Assert.Equal(1, host.Emulator.Activity.CreateAttempts);
    }

    private static async Task<HttpResponseMessage> SendWithKeyAsync(HttpClient http, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/generations")
        {
            Content = new StringContent(Body(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task Start_ConcurrentBurstOverDailyBudget_SubmitsOnlyWhatTheBudgetHolds()
    {
        // Three 60-credit generations fit; the door sees an empty day for most of the burst, the activity's conditional writes decide.
        await using var host = await StartAsync(Azurite, new Dictionary<string, string?> { ["Budget:MaxCreditsPerDay"] = "180" });
        using var http = host.CreateApiClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => PostAsync(http, "/api/generations", Body(prompt: $"burst {i}"))));
        var finals = new List<(HttpStatusCode Status, string? Code)>();
        foreach (var answer in answers)
        {
            if (answer.StatusCode == HttpStatusCode.Accepted)
            {
                var (done, _) = await FollowAsync(http, answer.Headers.Location!);
                var code = done.StatusCode == HttpStatusCode.OK ? null : (await JsonAsync(done)).GetProperty("errorCode").GetString();
                finals.Add((done.StatusCode, code));
            }
            else
            {
                finals.Add((answer.StatusCode, (await JsonAsync(answer)).GetProperty("errorCode").GetString()));
            }
            answer.Dispose();
        }

        Assert.Equal(3, host.Emulator.Activity.CreateAttempts);
        Assert.Equal(3, finals.Count(f => f.Status == HttpStatusCode.OK));
        Assert.All(finals.Where(f => f.Status != HttpStatusCode.OK), f => Assert.Equal(GenerationErrorCodes.BudgetPerDayExceeded, f.Code));
    }

    [Fact]
    public async Task Start_BalanceBelowEstimate_Answers402PointingToTheDeveloperPortalAndCreatesNothing()
    {
        await using var host = await StartAsync(Azurite);
        host.Emulator.CreditBalance = 30;
        using var http = host.CreateApiClient();

        using var refused = await PostAsync(http, "/api/generations", Body(duration: 5));

        Assert.Equal(HttpStatusCode.PaymentRequired, refused.StatusCode);
        var problem = await JsonAsync(refused);
        Assert.Equal(GenerationErrorCodes.InsufficientCredits, problem.GetProperty("errorCode").GetString());
        Assert.Equal(30, problem.GetProperty("leftCredits").GetInt64());
        Assert.Contains("https://dev.runwayml.com", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("separate from the credits of the Runway web app", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, host.Emulator.Activity.CreateAttempts);
    }

    [Fact]
    public async Task Start_BalanceDropsBetweenDoorAndSubmit_ActivityRefusesAndSubmitsNothing()
    {
        await using var host = await StartAsync(Azurite, new Dictionary<string, string?> { ["Budget:BalanceCacheDuration"] = "00:05:00" });
        using var http = host.CreateApiClient();
        // The quote reads the balance (plenty) into the door's cache; then it drops below the estimate.
        using var quote = await PostAsync(http, "/api/generations/quote", Body());
        Assert.Equal(HttpStatusCode.OK, quote.StatusCode);
        host.Emulator.CreditBalance = 10;

        using var accepted = await PostAsync(http, "/api/generations", Body());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var (done, _) = await FollowAsync(http, accepted.Headers.Location!);

        Assert.Equal(HttpStatusCode.PaymentRequired, done.StatusCode);
        var problem = await JsonAsync(done);
        Assert.Equal(GenerationErrorCodes.InsufficientCredits, problem.GetProperty("errorCode").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, problem.GetProperty("runwayTaskId").ValueKind);
        Assert.Equal(0, host.Emulator.Activity.CreateAttempts);
    }

    [Fact]
    public async Task Start_ModelDailyLimitReached_EndsDailyLimitReachedAfterOneCreateAttempt()
    {
        await using var host = await StartAsync(Azurite, new Dictionary<string, string?> { ["Runway:MaxRetryAttempts"] = "3" },
            emulator: o => o.Models["gen4.5"] = new RunwayRelay.Emulator.ModelLimitOptions { MaxDailyGenerations = 0 });
        using var http = host.CreateApiClient();

        using var accepted = await PostAsync(http, "/api/generations", Body());
        var (done, _) = await FollowAsync(http, accepted.Headers.Location!);

        var problem = await JsonAsync(done);
        Assert.Equal(GenerationErrorCodes.DailyLimitReached, problem.GetProperty("errorCode").GetString());
        var resets = problem.GetProperty("resetsAt").GetDateTimeOffset();
        Assert.InRange(resets, DateTimeOffset.UtcNow.AddHours(23), DateTimeOffset.UtcNow.AddHours(25));
        Assert.Contains("daily generation limit", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, host.Emulator.Activity.CreateAttempts);
        Assert.Empty(host.Emulator.Activity.Creates);
    }

    [Fact]
    public async Task GetStatus_TaskThrottledByConcurrency_ShowsQueuedFor()
    {
        // Time scale 0.02: each task runs 1.2 s; with one concurrent generation the second waits THROTTLED behind the first.
        await using var host = await StartAsync(Azurite, timeScale: 0.02,
            emulator: o => o.Models["gen4.5"] = new RunwayRelay.Emulator.ModelLimitOptions { MaxConcurrentGenerations = 1 });
        using var http = host.CreateApiClient();

        using var first = await PostAsync(http, "/api/generations", Body(prompt: "first"));
        using var second = await PostAsync(http, "/api/generations", Body(prompt: "second"));
        var (done, running) = await FollowAsync(http, second.Headers.Location!);

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains(running, r => r.GetProperty("runwayStatus").GetString() == "THROTTLED");
        var queued = running.Where(r => r.GetProperty("queuedFor").ValueKind == System.Text.Json.JsonValueKind.String)
            .Select(r => TimeSpan.Parse(r.GetProperty("queuedFor").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).Max();
        Assert.InRange(queued, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(10));
        Assert.All(running, r => Assert.Equal(60, r.GetProperty("estimatedCredits").GetInt64()));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
