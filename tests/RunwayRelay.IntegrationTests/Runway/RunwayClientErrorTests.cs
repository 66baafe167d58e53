using RunwayRelay.ApiKeys;

namespace RunwayRelay.IntegrationTests.Runway;

public sealed class RunwayClientErrorTests : EmulatorTestBase
{
    [Fact]
    public async Task GetOrganizationAsync_KeyRunwayDoesNotKnow_TellsWhatToDoWithoutTheKey()
    {
        // Not a well-formed key, so only a provider that skips the format check can send it: Runway answers 401.
        string unknown = "key_" + new string('z', 128);
        using var harness = RunwayClientHarness.Create(Emulator.BaseUrl, null, keyProvider: new FixedKeyProvider(unknown));

        var ex = await Assert.ThrowsAsync<RunwayException>(() => harness.Client.GetOrganizationAsync());

        Assert.Equal((RunwayErrorKind.Unauthorized, HttpStatusCode.Unauthorized), (ex.Kind, ex.StatusCode));
        Assert.Contains("https://dev.runwayml.com", ex.Message);
        Assert.Contains("RUNWAYML_API_SECRET", ex.Message);
        Assert.Contains("Key Vault", ex.Message);
        Assert.Equal("Invalid API key.", ex.RunwayMessage);
        Assert.DoesNotContain(unknown, ex.ToString());
    }

    [Fact]
    public async Task CreateTaskAsync_DisabledKey_SaysReEnableOrReplaceAndSubmitsNothing()
    {
        Emulator.Options.DisabledKeys.Add(Emulator.ApiKey);

        var ex = await Assert.ThrowsAsync<RunwayException>(() => Runway.Client.CreateTaskAsync(TextToVideo()));

        Assert.Equal(RunwayErrorKind.Unauthorized, ex.Kind);
        Assert.Contains("re-enable", ex.Message);
        Assert.Contains("disabled", ex.RunwayMessage);
        Assert.DoesNotContain(Emulator.ApiKey, ex.ToString());
        Assert.Empty(Emulator.Activity.Creates);
        Assert.Equal(1, Emulator.Activity.CreateAttempts); // the re-read key was the same one: no pointless second call
    }

    [Theory]
    [InlineData(402)]
    [InlineData(400)]
    public async Task CreateTaskAsync_NoCredits_TellsToAddApiCredits(int status)
    {
        Emulator.Options.InsufficientCreditsStatusCode = status;
        Emulator.CreditBalance = 0;

        var ex = await Assert.ThrowsAsync<RunwayException>(() => Runway.Client.CreateTaskAsync(TextToVideo()));

        Assert.Equal(RunwayErrorKind.InsufficientCredits, ex.Kind);
        Assert.Equal(status, (int)ex.StatusCode!);
        Assert.Contains("Add API credits", ex.Message);
        Assert.Contains("separate from the credits of the Runway web app", ex.Message);
        Assert.Empty(Emulator.Activity.Creates);
        Assert.Equal(1, Emulator.Activity.CreateAttempts);
    }

    [Fact]
    public async Task CreateTaskAsync_RunwayRejectsWithIssues_CarriesThem()
    {
        // A model the client's tables do not know passes with generic checks; Runway (the emulator) rejects it.
        var request = TextToVideo() with { Model = "gen9_unreleased" };

        var ex = await Assert.ThrowsAsync<RunwayException>(() => Runway.Client.CreateTaskAsync(request));

        Assert.Equal((RunwayErrorKind.InvalidRequest, HttpStatusCode.BadRequest), (ex.Kind, ex.StatusCode));
        Assert.Contains(ex.Issues, i => i.Field == "model");
        Assert.Contains("model:", ex.Message);
        Assert.Equal(1, Emulator.Activity.CreateAttempts);
    }

    [Fact]
    public async Task GetTaskAsync_UnknownTask_IsNotFound()
    {
        string id = Guid.NewGuid().ToString();

        var ex = await Assert.ThrowsAsync<RunwayException>(() => Runway.Client.GetTaskAsync(id));

        Assert.Equal((RunwayErrorKind.NotFound, HttpStatusCode.NotFound), (ex.Kind, ex.StatusCode));
        Assert.Contains(id, ex.Message);
        Assert.False(ex.IsTransient);
        Assert.Equal(1, Emulator.Activity.PollsByTask[id]); // 404 is not retried
    }

    [Fact]
    public async Task GetTaskAsync_429OnEveryAttempt_GivesUpAsRateLimitedAfterTheRetries()
    {
        var created = await Runway.Client.CreateTaskAsync(TextToVideo());
        Emulator.Options.Faults.Read.RetryAfter = TimeSpan.FromMilliseconds(10);
        Emulator.Options.Faults.Read.TooManyRequestsNext = 100;

        var ex = await Assert.ThrowsAsync<RunwayException>(() => Runway.Client.GetTaskAsync(created.Id));

        Assert.Equal(RunwayErrorKind.RateLimited, ex.Kind);
        Assert.True(ex.IsTransient);
        Assert.Contains("Try again later", ex.Message);
        Assert.Equal(4, Emulator.Activity.PollsByTask[created.Id]); // 1 attempt + MaxRetryAttempts (3)
    }

    [Fact]
    public async Task CreateTaskAsync_DailyLimitReached_IsDailyLimitReachedAndNothingIsCreated()
    {
        Emulator.Options.Models["gen4.5"] = new() { MaxConcurrentGenerations = 2, MaxDailyGenerations = 0 };

        var ex = await Assert.ThrowsAsync<RunwayException>(() => Runway.Client.CreateTaskAsync(TextToVideo()));

        Assert.Equal((RunwayErrorKind.DailyLimitReached, HttpStatusCode.TooManyRequests), (ex.Kind, ex.StatusCode));
        Assert.False(ex.IsTransient);
        Assert.Contains("daily generation limit", ex.RunwayMessage);
        Assert.Contains("not retried", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Emulator.Activity.Creates);
    }

    private sealed class FixedKeyProvider(string key) : IRunwayApiKeyProvider
    {
        public ValueTask<RunwayApiKey> GetAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new RunwayApiKey(key, RunwayApiKeyFormat.Fingerprint(key), "test"));

        public void Invalidate()
        {
        }
    }
}
