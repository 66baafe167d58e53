using System.Net;
using System.Net.Sockets;
using System.Text;
using Polly;
using RunwayRelay.ApiKeys;

namespace RunwayRelay.Tests.Runway;

/// <summary>Branches of the ephemeral upload: retry decisions, checks of Runway's answer, redaction of storage errors.</summary>
public sealed class RunwayUploadTests
{
    private const string Key = "key_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    public void ShouldRetry_PostMarkedSafeToRepeat_IsRetriedLikeARead(int status, bool expected)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        using var marked = new HttpRequestMessage(HttpMethod.Post, "v1/uploads");
        marked.Options.Set(RunwayRetryPolicy.SafeToRepeat, true);
        using var create = new HttpRequestMessage(HttpMethod.Post, "v1/image_to_video");

        Assert.Equal(expected, RunwayRetryPolicy.ShouldRetry(marked, Outcome.FromResult(response)));
        Assert.Equal(status == 429, RunwayRetryPolicy.ShouldRetry(create, Outcome.FromResult(response)));
    }

    [Theory]
    [InlineData(500, true, true)]
    [InlineData(503, true, true)]
    [InlineData(429, true, true)]
    [InlineData(403, true, false)]
    [InlineData(400, true, false)]
    [InlineData(500, false, false)]
    public void ShouldRetryUpload_Status_RetriesTransientAnswersOnlyWhenTheContentCanBeResent(int status, bool repeatable, bool expected)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://storage.example.com/");
        request.Options.Set(RunwayRetryPolicy.ContentRepeatable, repeatable);

        Assert.Equal(expected, RunwayRetryPolicy.ShouldRetryUpload(request, Outcome.FromResult(response)));
    }

    [Fact]
    public void ShouldRetryUpload_DroppedConnection_RetriesRepeatableContent()
    {
        var dropped = Outcome.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ResponseEnded, "ended", new IOException("reset")));
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://storage.example.com/");

        Assert.False(RunwayRetryPolicy.ShouldRetryUpload(request, dropped)); // unmarked: not known to be repeatable
        request.Options.Set(RunwayRetryPolicy.ContentRepeatable, true);
        Assert.True(RunwayRetryPolicy.ShouldRetryUpload(request, dropped));
        Assert.False(RunwayRetryPolicy.ShouldRetryUpload(null, Outcome.FromException<HttpResponseMessage>(new SocketException())));
    }

    [Fact]
    public async Task UploadEphemeralAsync_PlainHttpUploadUrlFromHttpsApi_ThrowsWithoutPostingTheFile()
    {
        var handler = new ScriptedHandler(Slot("http://storage.example.com/bucket", "policyvalue-0001"));
        var client = Client(handler, "https://api.dev.runwayml.com");

        var ex = await Assert.ThrowsAsync<RunwayException>(() => client.UploadEphemeralAsync("cat.png", "image/png", new MemoryStream(new byte[1024]), 1024));

        Assert.Equal(RunwayErrorKind.Other, ex.Kind);
        Assert.Contains("not an https URL", ex.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task UploadEphemeralAsync_StorageErrorEchoesAField_MessageHasNeitherFieldNorKey()
    {
        const string policy = "eyJzZWNyZXQtcG9saWN5LXZhbHVlIjp0cnVlfQ==";
        var storageError = new HttpResponseMessage(HttpStatusCode.Forbidden)
        {
            Content = new StringContent($"<Error><Code>AccessDenied</Code><Message>Invalid policy {policy}</Message></Error>", Encoding.UTF8, "application/xml"),
        };
        var handler = new ScriptedHandler(Slot("https://storage.example.com/bucket?X-Amz-Signature=abcdef0123456789", policy), storageError);
        var client = Client(handler, "https://api.dev.runwayml.com");

        var ex = await Assert.ThrowsAsync<RunwayException>(() => client.UploadEphemeralAsync("cat.png", "image/png", new MemoryStream(new byte[1024]), 1024));

        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.Contains("403 AccessDenied", ex.Message, StringComparison.Ordinal);
        Assert.Contains("[field]", ex.Message, StringComparison.Ordinal);
        foreach (var secret in new[] { policy, "abcdef0123456789", Key })
        {
            Assert.DoesNotContain(secret, ex.ToString(), StringComparison.Ordinal);
        }
        Assert.Equal(2, handler.Requests.Count);
        Assert.NotNull(handler.Requests[0].Authorization);
        Assert.Null(handler.Requests[1].Authorization);
        Assert.Null(handler.Requests[1].Version);
        Assert.Equal("storage.example.com", handler.Requests[1].Uri.Host);
    }

    [Theory]
    [InlineData("<Error><Code>EntityTooLarge</Code><Message>too big</Message></Error>", "EntityTooLarge", "too big")]
    [InlineData("""{"error":"slow down"}""", null, "slow down")]
    [InlineData("", null, null)]
    public void ParseStorageError_XmlJsonOrEmpty_ReadsCodeAndMessage(string body, string? code, string? message)
    {
        Assert.Equal((code, message), RunwayClient.ParseStorageError(body));
    }

    [Fact]
    public void AddRunwayClient_NonPositiveUploadTimeout_FailsAtStartNamingIt()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Runway:UploadTimeout"] = "00:00:00" }).Build());
        services.AddLogging();
        services.AddRunwayClient();
        using var sp = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(ex.Failures, f => f.Contains("Runway__UploadTimeout", StringComparison.Ordinal));
    }

    private static RunwayClient Client(HttpMessageHandler handler, string baseUrl)
    {
        var keys = new Mock<IRunwayApiKeyProvider>();
        keys.Setup(k => k.GetAsync(It.IsAny<CancellationToken>())).ReturnsAsync(new RunwayApiKey(Key, "0123abcd", "test"));
        return RunwayClientTests.Create(handler, keys.Object, new RunwayOptions { BaseUrl = new Uri(baseUrl) });
    }

    private static HttpResponseMessage Slot(string uploadUrl, string policy) => new(HttpStatusCode.OK)
    {
        Content = new StringContent(
            $$"""{"uploadUrl":"{{uploadUrl}}","fields":{"key":"uploads/1/cat.png","policy":"{{policy}}"},"runwayUri":"runway://uploads/1"}""",
            Encoding.UTF8, "application/json"),
    };

    private sealed record Seen(Uri Uri, string? Authorization, string? Version);

    /// <summary>Answers with the given responses in order and records what each request carried.</summary>
    private sealed class ScriptedHandler(params HttpResponseMessage[] responses) : HttpMessageHandler
    {
        private int _next;

        public List<Seen> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is not null)
            {
                await request.Content.ReadAsByteArrayAsync(cancellationToken);
            }
            Requests.Add(new Seen(request.RequestUri!, request.Headers.Authorization?.ToString(),
                request.Headers.TryGetValues(RunwayClient.ApiVersionHeader, out var v) ? v.Single() : null));
            return responses[_next++];
        }
    }
}
