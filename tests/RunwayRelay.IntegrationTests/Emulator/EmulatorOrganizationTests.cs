namespace RunwayRelay.IntegrationTests.Emulator;

public sealed class EmulatorOrganizationTests : EmulatorTestBase
{
    [Fact]
    public async Task Organization_AfterCreate_ShowsSpentCreditsTierAndDailyUsage()
    {
        await CreateTaskAsync(); // gen4.5, 5 s at 12 credits/s

        using var response = await SendAsync(HttpMethod.Get, "/v1/organization");

        var json = await JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Runway.Options.InitialCreditBalance - 60, json.GetProperty("creditBalance").GetInt64());
        var gen45 = json.GetProperty("tier").GetProperty("models").GetProperty("gen4.5");
        Assert.Equal(2, gen45.GetProperty("maxConcurrentGenerations").GetInt32());
        Assert.Equal(200, gen45.GetProperty("maxDailyGenerations").GetInt32());
        Assert.True(json.GetProperty("tier").GetProperty("maxMonthlyCreditSpend").GetInt64() > 0);
        Assert.Equal(1, json.GetProperty("usage").GetProperty("models").GetProperty("gen4.5").GetProperty("dailyGenerations").GetInt32());
    }

    [Fact]
    public async Task Create_EmptyBalance_Returns400SayingCreditsAreInsufficient()
    {
        Runway.CreditBalance = 0;

        using var response = await SendAsync(HttpMethod.Post, "/v1/image_to_video", ImageToVideo());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not have enough credits", (await JsonAsync(response)).GetProperty("error").GetString());
        Assert.Empty(Runway.Activity.Creates);
    }

    [Fact]
    public async Task Create_EmptyBalanceConfiguredAs402_Returns402()
    {
        Runway.Options.InsufficientCreditsStatusCode = 402;
        Runway.CreditBalance = 59; // one short of the 60 the task costs

        using var response = await SendAsync(HttpMethod.Post, "/v1/image_to_video", ImageToVideo());

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        Assert.Contains("credits", (await JsonAsync(response)).GetProperty("error").GetString());
        Assert.Equal(59, Runway.CreditBalance);
    }

    [Fact]
    public async Task Create_DailyLimitReached_Returns429UntilTheWindowPasses()
    {
        Runway.Options.Models["gen4.5"] = new ModelLimitOptions { MaxConcurrentGenerations = 5, MaxDailyGenerations = 2 };
        await CreateTaskAsync();
        await CreateTaskAsync();

        using var third = await SendAsync(HttpMethod.Post, "/v1/image_to_video", ImageToVideo());
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("daily", (await JsonAsync(third)).GetProperty("error").GetString());

        Clock.Offset = TimeSpan.FromHours(24.1);
        using var nextDay = await SendAsync(HttpMethod.Post, "/v1/image_to_video", ImageToVideo());
        Assert.Equal(HttpStatusCode.OK, nextDay.StatusCode);
        Assert.Equal(3, Runway.Activity.Creates.Count);
    }

    [Fact]
    public async Task Usage_AfterCreates_ReportsCreditsPerDayAndModel()
    {
        await CreateTaskAsync();
        await CreateTaskAsync(new { model = "veo3.1", promptText = "x", ratio = "1280:720", audio = false }, "text_to_video");

        using var response = await SendAsync(HttpMethod.Post, "/v1/organization/usage", new { });

        var json = await JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var day = Assert.Single(json.GetProperty("results").EnumerateArray());
        var used = day.GetProperty("usedCredits").EnumerateArray()
            .ToDictionary(u => u.GetProperty("model").GetString()!, u => u.GetProperty("amount").GetInt64());
        Assert.Equal(60, used["gen4.5"]);
        Assert.Equal(160, used["veo3.1"]); // 8 s without audio at 20 credits/s
    }
}
