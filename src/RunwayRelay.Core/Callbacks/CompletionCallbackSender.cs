using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunwayRelay.Common;

namespace RunwayRelay.Callbacks;

/// <summary>
/// Makes one signed delivery attempt (Standard Webhooks headers, see <see cref="WebhookSigner"/>) and says what it
/// means for the next one; it never retries itself, the delivery orchestration does, on durable timers. Only the
/// callback URL's host is logged (its query may carry a token).
/// </summary>
public sealed class CompletionCallbackSender(HttpClient http, WebhookSigner signer, IOptionsMonitor<CallbackOptions> options,
    TimeProvider time, ILogger<CompletionCallbackSender> logger)
{
    /// <summary>POSTs <paramref name="body"/> (already serialized, of <paramref name="contentType"/>) as webhook <paramref name="webhookId"/>.</summary>
    /// <param name="timeout">Shorter than <c>Callbacks__Timeout</c> for best-effort events, which must not hold a poll back.</param>
    public async Task<CallbackAttemptResult> SendAsync(Uri url, string generationId, string webhookId, byte[] body, string contentType,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(generationId);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(contentType);
        var settings = options.CurrentValue;
        if (CallbackUrlPolicy.Check(url, settings.AllowLoopback) is { } refusal)
        {
            logger.CallbackNotAllowed(generationId, url.Host, refusal);
            return new CallbackAttemptResult(CallbackAttemptOutcome.Refused, Error: refusal);
        }
        if (!signer.CanSign)
        {
            logger.CallbackNotSignable(generationId);
            return new CallbackAttemptResult(CallbackAttemptOutcome.Refused, Error: WebhookSigner.NoSecret);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = Utf8(contentType) } },
        };
        foreach (var (name, value) in signer.Sign(webhookId, time.GetUtcNow(), body))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        // The callback URL may carry the caller's token anywhere in it: no HTTP span records it.
        request.Options.Set(Telemetry.TelemetryHttpFilter.Untraced, true);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout is { } shorter && shorter < settings.Timeout ? shorter : settings.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, deadline.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (FindRefusal(e) is { } refused)
        {
            // Final: the host's addresses are not going to become public by retrying.
            logger.CallbackNotAllowed(generationId, url.Host, refused.Message);
            return new CallbackAttemptResult(CallbackAttemptOutcome.Refused, Error: refused.Message);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            string error = $"The callback to {url.Host} got no answer ({e.GetType().Name}).";
            logger.CallbackNoAnswer(generationId, url.Host, e.GetType().Name);
            return new CallbackAttemptResult(CallbackAttemptOutcome.Retry, Error: error);
        }
        using (response)
        {
            int status = (int)response.StatusCode;
            var outcome = Classify(response.StatusCode);
            logger.CallbackAnswered(generationId, url.Host, status, outcome);
            return outcome switch
            {
                CallbackAttemptOutcome.Delivered => new CallbackAttemptResult(outcome, status),
                CallbackAttemptOutcome.Retry => new CallbackAttemptResult(outcome, status, RetryAfterHeader.Read(response, time), $"The callback endpoint answered {status}."),
                _ => new CallbackAttemptResult(outcome, status, Error: $"The callback endpoint answered {status}."),
            };
        }
    }

    /// <summary>2xx delivered; 408, 429 and 5xx worth another try; 410 gone; anything else (3xx are not followed, 4xx) final.</summary>
    public static CallbackAttemptOutcome Classify(HttpStatusCode status) => (int)status switch
    {
        >= 200 and < 300 => CallbackAttemptOutcome.Delivered,
        408 or 429 or >= 500 => CallbackAttemptOutcome.Retry,
        410 => CallbackAttemptOutcome.Gone,
        _ => CallbackAttemptOutcome.Rejected,
    };

    /// <summary>The content type as given (a rendered answer's already names its charset), UTF-8 when it names none.</summary>
    private static MediaTypeHeaderValue Utf8(string contentType)
    {
        var type = MediaTypeHeaderValue.Parse(contentType);
        type.CharSet ??= "utf-8";
        return type;
    }

    private static CallbackAddressRefusedException? FindRefusal(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is CallbackAddressRefusedException refused)
            {
                return refused;
            }
        }
        return null;
    }
}
