using System.Net;

namespace RunwayRelay.Tests.Callbacks;

public sealed class CompletionCallbackSenderTests
{
    [Theory]
    [InlineData(HttpStatusCode.OK, CallbackAttemptOutcome.Delivered)]
    [InlineData(HttpStatusCode.NoContent, CallbackAttemptOutcome.Delivered)]
    [InlineData(HttpStatusCode.RequestTimeout, CallbackAttemptOutcome.Retry)]
    [InlineData(HttpStatusCode.TooManyRequests, CallbackAttemptOutcome.Retry)]
    [InlineData(HttpStatusCode.InternalServerError, CallbackAttemptOutcome.Retry)]
    [InlineData(HttpStatusCode.ServiceUnavailable, CallbackAttemptOutcome.Retry)]
    [InlineData(HttpStatusCode.Gone, CallbackAttemptOutcome.Gone)]
    [InlineData(HttpStatusCode.BadRequest, CallbackAttemptOutcome.Rejected)]
    [InlineData(HttpStatusCode.NotFound, CallbackAttemptOutcome.Rejected)]
    [InlineData(HttpStatusCode.Found, CallbackAttemptOutcome.Rejected)]
    public void Classify_Status_RetriesOnlyTransientAnswers(HttpStatusCode status, CallbackAttemptOutcome expected)
    {
        Assert.Equal(expected, CompletionCallbackSender.Classify(status));
    }
}
