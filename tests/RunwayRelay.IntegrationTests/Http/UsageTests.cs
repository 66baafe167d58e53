using System.Globalization;
using RunwayRelay.IntegrationTests.Storage;
using static RunwayRelay.IntegrationTests.Http.MoneyApi;

namespace RunwayRelay.IntegrationTests.Http;

/// <summary><c>GET /api/usage</c> over the emulator's <c>POST /v1/organization/usage</c> and the daily spend records in Azurite.</summary>
public sealed class UsageTests(AzuriteFixture azurite) : AzuriteTestBase(azurite)
{
    [Fact]
    public async Task GetUsage_AfterGenerationsAndSpendElsewhere_ShowsRunwayAndRecordedSideBySide()
    {
        await using var host = await StartAsync(Azurite);
        using var http = host.CreateApiClient();
        using var succeeded = await PostAsync(http, "/api/generations", Body());
        Assert.Equal(HttpStatusCode.OK, (await FollowAsync(http, succeeded.Headers.Location!)).Final.StatusCode);
        // A failure Runway refunds: charged, then given back the same day.
        host.Emulator.Options.Outcomes.FailureRate = 1;
        using var failed = await PostAsync(http, "/api/generations", Body(prompt: "refunded"));
        var (failure, _) = await FollowAsync(http, failed.Headers.Location!);
        Assert.Equal(0, (await JsonAsync(failure)).GetProperty("creditsSpent").GetInt64());
        // Spend from elsewhere in the organization: a task RunwayRelay did not submit.
        await host.Services.GetRequiredService<RunwayClient>().CreateTaskAsync(
            new TextToVideoRequest { Model = "veo3", PromptText = "elsewhere", Ratio = "1280:720", Duration = 8 });
        string today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        using var response = await http.GetAsync($"/api/usage?from={today}&to={today}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var usage = await JsonAsync(response);
        Assert.Equal((today, today), (usage.GetProperty("from").GetString(), usage.GetProperty("to").GetString()));
        var day = Assert.Single(usage.GetProperty("days").EnumerateArray());
        Assert.Equal(today, day.GetProperty("date").GetString());
        var models = day.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("model").GetString()!);
        Assert.Equal((60L, 120L, 2, -60L), Row(models["gen4.5"]));
        Assert.Equal((320L, 0L, 0, 320L), Row(models["veo3"]));
        Assert.Equal((380L, 120L), (usage.GetProperty("runwayCredits").GetInt64(), usage.GetProperty("recordedCredits").GetInt64()));
    }

    [Fact]
    public async Task GetUsage_NoDates_AnswersTheLast30DaysUpToToday()
    {
        await using var host = await StartAsync(Azurite);
        using var http = host.CreateApiClient();

        using var response = await http.GetAsync("/api/usage");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var usage = await JsonAsync(response);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), usage.GetProperty("to").GetString());
        Assert.Equal(today.AddDays(-29).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), usage.GetProperty("from").GetString());
        Assert.Empty(usage.GetProperty("days").EnumerateArray());
    }

    [Fact]
    public async Task GetUsage_DayRecordedByAnEarlierVersion_ShowsItsRecordedCredits()
    {
        await using var host = await StartAsync(Azurite);
        using var http = host.CreateApiClient();
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3);
        var storage = host.Services.GetRequiredKeyedService<BlobServiceClient>(VideoStorageClientFactory.ConnectionName);
        await DailySpendStoreTests.WriteEarlierVersionDayAsync(storage.GetBlobContainerClient(host.SubmissionsContainerName), day);

        using var response = await http.GetAsync($"/api/usage?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var usage = await JsonAsync(response);
        var row = Assert.Single(Assert.Single(usage.GetProperty("days").EnumerateArray()).GetProperty("models").EnumerateArray());
        Assert.Equal(("gen4.5", 32L, 2), (row.GetProperty("model").GetString(), Row(row).Recorded, Row(row).Generations));
        Assert.Equal(32L, usage.GetProperty("recordedCredits").GetInt64());
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-03-02&to=2026-03-01", "from")]
    [InlineData("from=2026-01-01&to=2026-04-01", "to")]
    [InlineData("to=2026-01-01&to=2026-01-02", "to")]
    public async Task GetUsage_BadRange_Answers400ProblemNamingTheParameter(string query, string field)
    {
        await using var host = await StartAsync(Azurite);
        using var http = host.CreateApiClient();

        using var response = await http.GetAsync("/api/usage?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        Assert.Equal(field, Assert.Single(errors.EnumerateObject()).Name);
        Assert.DoesNotContain(host.Emulator.Activity.Requests, r => r.Path == "/v1/organization/usage");
    }

    [Fact]
    public async Task GetUsage_ExactlyNinetyDays_IsAccepted()
    {
        await using var host = await StartAsync(Azurite);
        using var http = host.CreateApiClient();
        var to = DateOnly.FromDateTime(DateTime.UtcNow);

        using var response = await http.GetAsync($"/api/usage?from={to.AddDays(-89):yyyy-MM-dd}&to={to:yyyy-MM-dd}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static (long Runway, long Recorded, int Generations, long Other) Row(JsonElement row) =>
        (row.GetProperty("runwayCredits").GetInt64(), row.GetProperty("recordedCredits").GetInt64(),
            row.GetProperty("recordedGenerations").GetInt32(), row.GetProperty("otherCredits").GetInt64());
}
