using RunwayRelay.ApiKeys;

namespace RunwayRelay.Tests.Runway;

public sealed class RunwayClientTests
{
    [Fact]
    public async Task CreateTaskAsync_InvalidRequest_ThrowsNamingEveryProblemWithoutCallingRunway()
    {
        var handler = new CountingHandler();
        var keys = new Mock<IRunwayApiKeyProvider>(MockBehavior.Strict);
        var client = Create(handler, keys.Object);
        var request = new ImageToVideoRequest { Model = "gen4.5", PromptImage = [new("http://example.com/a.png")], Ratio = "1:1", Duration = 5 };

        var ex = await Assert.ThrowsAsync<RunwayException>(() => client.CreateTaskAsync(request));

        Assert.Equal(RunwayErrorKind.InvalidRequest, ex.Kind);
        Assert.Null(ex.StatusCode);
        Assert.Equal(["promptImage", "promptText", "ratio"], ex.Issues.Select(i => i.Field).Order());
        Assert.Contains("promptImage:", ex.Message);
        Assert.Contains("promptText:", ex.Message);
        Assert.Contains("ratio:", ex.Message);
        Assert.Equal(0, handler.Calls);
        keys.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task GetTaskAsync_KeyProviderFails_SurfacesItsActionableMessage()
    {
        var handler = new CountingHandler();
        var keys = new Mock<IRunwayApiKeyProvider>();
        keys.Setup(k => k.GetAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new RunwayApiKeyException("No Runway API key is configured: set RUNWAYML_API_SECRET"));
        var client = Create(handler, keys.Object);

        var ex = await Assert.ThrowsAsync<RunwayException>(() => client.GetTaskAsync("t1"));

        Assert.Equal(RunwayErrorKind.Unauthorized, ex.Kind);
        Assert.Contains("RUNWAYML_API_SECRET", ex.Message);
        Assert.Equal(0, handler.Calls);
    }

    [Fact]
    public async Task GetTaskAsync_RateLimitedUntilADate_NamesTheWaitOnTheClientsClock()
    {
        // The app's clock, not the machine's: under a clock years behind, the machine's would make it "wait 0 s".
        var time = new FakeTimeProvider(new DateTimeOffset(2020, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var handler = new AnsweringHandler(() =>
        {
            var answer = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests) { Content = new StringContent("""{"error":"Too many requests"}""") };
            answer.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(time.GetUtcNow().AddSeconds(40));
            return answer;
        });
        var keys = new Mock<IRunwayApiKeyProvider>();
        keys.Setup(k => k.GetAsync(It.IsAny<CancellationToken>())).ReturnsAsync(new RunwayApiKey("key_" + new string('a', 128), "0123abcd", "RUNWAYML_API_SECRET"));
        var client = Create(handler, keys.Object, time: time);

        var ex = await Assert.ThrowsAsync<RunwayException>(() => client.GetTaskAsync("t1"));

        Assert.Equal(RunwayErrorKind.RateLimited, ex.Kind);
        Assert.Contains("(Runway asks to wait 40 s)", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>The client as DI makes it, minus the upload clients (upload files then go through <paramref name="handler"/>).</summary>
    internal static RunwayClient Create(HttpMessageHandler handler, IRunwayApiKeyProvider keys, RunwayOptions? options = null, TimeProvider? time = null) =>
        new(new HttpClient(handler), keys, Options.Create(options ?? new RunwayOptions()), NullLogger<RunwayClient>.Instance,
            uploadClients: null, time ?? TimeProvider.System);

    private sealed class AnsweringHandler(Func<HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer());
    }

    // Unit-level only: proves no request leaves the client; behaviour against Runway is tested on the emulator.
    private sealed class CountingHandler : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }
}
