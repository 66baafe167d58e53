namespace RunwayRelay.Tests.Runway;

public sealed class RunwayErrorParsingTests
{
    [Fact]
    public void ParseError_IssuesWithNumericPaths_BecomeStringPaths()
    {
        const string body = """{"error":"Validation failed","issues":[{"code":"too_big","path":["promptImage",0,"uri"],"message":"String must contain at most 2048 character(s)"}],"docUrl":"https://docs"}""";

        var (error, issues) = RunwayClient.ParseError(body);

        Assert.Equal("Validation failed", error);
        var issue = Assert.Single(issues);
        Assert.Equal("promptImage.0.uri", issue.Field);
        Assert.Equal("too_big", issue.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>bad gateway</html>")]
    [InlineData("[1,2]")]
    public void ParseError_NotRunwayShaped_IsTolerated(string body)
    {
        var (_, issues) = RunwayClient.ParseError(body);

        Assert.Empty(issues);
    }

    [Fact]
    public void ParseError_BodyEchoingAKey_IsRedacted()
    {
        string key = "key_" + new string('a', 128);

        var (error, _) = RunwayClient.ParseError($$"""{"error":"Invalid API key {{key}}"}""");

        Assert.DoesNotContain(key, error);
        Assert.Contains("key_[redacted]", error);
    }

    [Theory]
    [InlineData("You do not have enough credits to run this task.", true)]
    [InlineData("Insufficient credits", true)]
    [InlineData("Your organization has no credits remaining", true)]
    [InlineData("Credit balance exhausted", true)]
    [InlineData("Invalid parameter 'promptText'", false)]
    [InlineData("ratio: Invalid enum value", false)]
    [InlineData(null, false)]
    public void IsInsufficientCredits_RecognisesRunwayWordings(string? error, bool expected)
    {
        Assert.Equal(expected, RunwayClient.IsInsufficientCredits(error));
    }

    [Theory]
    [InlineData("You have reached the daily generation limit of your tier for gen4.5. Try again later or upgrade your tier.", true)]
    [InlineData("Daily generation quota exceeded", true)]
    [InlineData("Too many requests", false)]
    [InlineData("Rate limit exceeded, slow down", false)]
    [InlineData(null, false)]
    public void IsDailyLimit_RecognisesTheDailyQuotaNotOtherLimits(string? error, bool expected)
    {
        Assert.Equal(expected, RunwayRetryPolicy.IsDailyLimit(error));
    }
}
