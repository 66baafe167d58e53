using System.Net;
using System.Net.Sockets;
using Polly;
using Polly.Timeout;

namespace RunwayRelay.Tests.Runway;

public sealed class RunwayRetryPolicyTests
{
    public static TheoryData<string, int, bool> StatusCases => new()
    {
        { "GET", 408, true }, { "GET", 429, true }, { "GET", 500, true }, { "GET", 503, true }, { "GET", 400, false }, { "GET", 401, false }, { "GET", 404, false },
        { "DELETE", 502, true },
        { "POST", 429, true }, { "POST", 500, false }, { "POST", 502, false }, { "POST", 408, false }, { "POST", 400, false },
    };

    [Theory]
    [MemberData(nameof(StatusCases))]
    public void ShouldRetry_Status_RetriesReadsButCreatesOnlyOn429(string method, int status, bool expected)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);

        Assert.Equal(expected, RunwayRetryPolicy.ShouldRetry(new HttpMethod(method), Outcome.FromResult(response)));
    }

    [Fact]
    public void ShouldRetry_ConnectionRefusedOnCreate_Retries()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused));

        Assert.True(RunwayRetryPolicy.ShouldRetry(HttpMethod.Post, Outcome.FromException<HttpResponseMessage>(refused)));
    }

    [Fact]
    public void ShouldRetry_DroppedConnectionOnCreate_DoesNotRetry()
    {
        var dropped = new HttpRequestException(HttpRequestError.ResponseEnded, "ended", new IOException("reset"));

        Assert.False(RunwayRetryPolicy.ShouldRetry(HttpMethod.Post, Outcome.FromException<HttpResponseMessage>(dropped)));
        Assert.True(RunwayRetryPolicy.ShouldRetry(HttpMethod.Get, Outcome.FromException<HttpResponseMessage>(dropped)));
    }

    [Fact]
    public void ShouldRetry_AttemptTimeout_RetriesReadsNotCreates()
    {
        var timeout = Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException());

        Assert.True(RunwayRetryPolicy.ShouldRetry(HttpMethod.Get, timeout));
        Assert.False(RunwayRetryPolicy.ShouldRetry(HttpMethod.Post, timeout));
    }

    [Fact]
    public void RetryAfter_MillisecondsHeader_WinsOverSeconds()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.Add("retry-after-ms", "250");
        response.Headers.Add("Retry-After", "7");

        Assert.Equal(TimeSpan.FromMilliseconds(250), RunwayRetryPolicy.RetryAfter(response, TimeProvider.System));
    }

    [Fact]
    public void RetryAfter_Seconds_IsHonoured()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.Add("Retry-After", "3");

        Assert.Equal(TimeSpan.FromSeconds(3), RunwayRetryPolicy.RetryAfter(response, TimeProvider.System));
    }

    [Fact]
    public void RetryAfter_FractionalSeconds_IsHonouredAsCallbacksHonourIt()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "1.5");

        Assert.Equal(TimeSpan.FromSeconds(1.5), RunwayRetryPolicy.RetryAfter(response, TimeProvider.System));
    }

    [Fact]
    public void RetryAfter_HttpDate_IsMeasuredFromNow()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.Add("Retry-After", "Thu, 01 Jan 2026 12:00:10 GMT");

        Assert.Equal(TimeSpan.FromSeconds(10), RunwayRetryPolicy.RetryAfter(response, time));
    }

    [Fact]
    public void RetryAfter_NoHeader_LeavesTheBackoff()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Null(RunwayRetryPolicy.RetryAfter(response, TimeProvider.System));
    }
}
