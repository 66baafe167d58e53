using Microsoft.AspNetCore.Http;

namespace RunwayRelay.Tests.Http;

/// <summary>Status URLs come from <c>Api__PublicBaseUrl</c> when set, else from a Host that must be present and well formed.</summary>
public sealed class GenerationUrlBuilderTests
{
    private const string Id = "g-0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("https://relay.example.com", "/api/generations", "", "https://relay.example.com/api/generations/" + Id)]
    [InlineData("https://relay.example.com/", "/api/generations/", "", "https://relay.example.com/api/generations/" + Id)]
    [InlineData("https://example.com/relay/", "/api/generations", "?code=k%2B1", "https://example.com/relay/api/generations/" + Id + "?code=k%2B1")]
    [InlineData("http://example.com:8080/a/b", "/api/generations", "?other=1", "http://example.com:8080/a/b/api/generations/" + Id)]
    public void Build_PublicBaseUrl_ReplacesTheRequestOriginAndKeepsRouteAndCode(string publicBase, string path, string query, string expected)
    {
        var request = HttpTestKit.Request("POST", path, query: query);
        request.Host = new HostString("attacker.example", 666);
        request.PathBase = "/local";

        var url = GenerationUrlBuilder.Build(request, new Uri(publicBase), Id, isCollection: true);

        Assert.Equal(expected, url.AbsoluteUri);
        Assert.Null(GenerationUrlBuilder.HostProblem(request, new Uri(publicBase)));
    }

    [Fact]
    public void Build_ItemPathWithPublicBase_ReplacesTheLastSegmentWithTheId()
    {
        var request = HttpTestKit.Request("GET", "/api/generations/" + Id, query: "?code=abc");

        var url = GenerationUrlBuilder.Build(request, new Uri("https://relay.example.com"), Id, isCollection: false);

        Assert.Equal($"https://relay.example.com/api/generations/{Id}?code=abc", url.AbsoluteUri);
    }

    [Fact]
    public void Build_NoPublicBase_UsesTheRequestHost()
    {
        var request = HttpTestKit.Request("POST", "/api/generations");

        var url = GenerationUrlBuilder.Build(request, null, Id, isCollection: true);

        Assert.Equal($"http://127.0.0.1:7071/api/generations/{Id}", url.AbsoluteUri);
    }

    [Theory]
    [InlineData("", "is missing")]
    [InlineData("a b", "well-formed")]
    [InlineData("evil.example@good.example", "well-formed")]
    [InlineData("good.example/evil", "well-formed")]
    [InlineData("[::1", "well-formed")]
    [InlineData("host:notaport", "well-formed")]
    public void HostProblem_MissingOrMalformedHost_IsNamed(string host, string expected)
    {
        var request = HttpTestKit.Request("POST", "/api/generations");
        request.Host = new HostString(host);

        var problem = GenerationUrlBuilder.HostProblem(request, null);

        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.Contains("Api__PublicBaseUrl", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("relay.example.com:8443")]
    [InlineData("[::1]:7071")]
    [InlineData("localhost")]
    public void HostProblem_WellFormedHost_IsNull(string host)
    {
        var request = HttpTestKit.Request("POST", "/api/generations");
        request.Host = new HostString(host);

        Assert.Null(GenerationUrlBuilder.HostProblem(request, null));
    }

    [Fact]
    public async Task GetStatus_NoHostAndNoPublicBase_Answers400NamingHostWithoutAskingTheStore()
    {
        var request = HttpTestKit.Request("GET", "/api/generations/" + Id, body: null);
        request.Host = default;
        var client = HttpTestKit.Client();

        var answer = await HttpTestKit.ExecuteAsync(await HttpTestKit.Api().GetStatusAsync(request, Id, client.Object), request);

        Assert.Equal(400, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Equal(["Host"], answer.ErrorFields);
    }

    [Fact]
    public async Task Start_NoHostAndNoPublicBase_Answers400NamingHostAndSchedulesNothing()
    {
        var request = HttpTestKit.Request("POST", "/api/generations",
            """{"model":"gen4.5","promptText":"x","ratio":"1280:720","duration":5}""");
        request.Host = default;
        var client = HttpTestKit.Client();

        var answer = await HttpTestKit.ExecuteAsync(await HttpTestKit.Api().StartAsync(request, client.Object), request);

        Assert.Equal(400, answer.Status);
        Assert.Equal(["Host"], answer.ErrorFields);
        client.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(Moq.It.IsAny<Microsoft.DurableTask.TaskName>(), Moq.It.IsAny<object?>(),
            Moq.It.IsAny<Microsoft.DurableTask.StartOrchestrationOptions?>(), Moq.It.IsAny<CancellationToken>()), Moq.Times.Never);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("https://relay.example.com", null)]
    [InlineData("http://127.0.0.1:7071/prefix", null)]
    [InlineData("", "is empty")]
    [InlineData("relay.example.com", "absolute http(s) URL")]
    [InlineData("ftp://relay.example.com", "absolute http(s) URL")]
    [InlineData("https://relay.example.com/?code=x", "query or fragment")]
    [InlineData("https://relay.example.com/#top", "query or fragment")]
    [InlineData("https://user:pw@relay.example.com", "user info")]
    public void Validator_PublicBaseUrl_AcceptsAbsoluteHttpUrlsOnly(string? value, string? expected)
    {
        var result = new GenerationApiOptionsValidator().Validate(null, new GenerationApiOptions { PublicBaseUrl = value });

        if (expected is null)
        {
            Assert.True(result.Succeeded, result.FailureMessage);
        }
        else
        {
            var line = Assert.Single(result.Failures!);
            Assert.StartsWith("Api__PublicBaseUrl ", line, StringComparison.Ordinal);
            Assert.Contains(expected, line, StringComparison.Ordinal);
            Assert.DoesNotContain("pw", line, StringComparison.Ordinal);
        }
    }
}
