using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunwayRelay.Orchestration;

namespace RunwayRelay.Callbacks;

/// <summary>Transient callback failure (network, 408, 429, 5xx): the activity's durable retry policy tries again.</summary>
public sealed class CallbackDeliveryException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>POSTs the signed completion notice. Only the callback URL's host is logged (its query may carry a token).</summary>
public class CompletionCallbackSender(HttpClient http, IOptions<CallbackOptions> options, TimeProvider time, ILogger<CompletionCallbackSender> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public virtual Task<CallbackResult> SendAsync(Uri url, CompletionNotice notice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(notice);
        return SendAsync(url, notice.GenerationId, JsonSerializer.SerializeToUtf8Bytes(notice, Json), "application/json", cancellationToken);
    }

    /// <summary>
    /// POSTs <paramref name="body"/> (already serialized, of <paramref name="contentType"/>) signed like a notice: a webhook
    /// subscription's callback gets the final status body, success JSON or problem+json.
    /// </summary>
    public virtual async Task<CallbackResult> SendAsync(Uri url, string generationId, byte[] body, string contentType,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(generationId);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(contentType);
        var settings = options.Value;
        if (IsAllowed(url, settings.AllowLoopback) is { } refusal)
        {
            logger.LogWarning("Generation {GenerationId}: callback to {Host} not sent: {Reason}", generationId, url.Host, refusal);
            return new CallbackResult(false, null, refusal);
        }
        if (string.IsNullOrEmpty(settings.SigningSecret))
        {
            const string reason = "Callbacks__SigningSecret is not set, so the callback cannot be signed.";
            logger.LogError("Generation {GenerationId}: callback not sent: {Reason}", generationId, reason);
            return new CallbackResult(false, null, reason);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = Utf8(contentType) } },
        };
        request.Headers.Add(CallbackSignature.HeaderName, CallbackSignature.Create(settings.SigningSecret, time.GetUtcNow().ToUnixTimeSeconds(), body));
        // The callback URL may carry the caller's token anywhere in it: no HTTP span records it.
        request.Options.Set(Telemetry.TelemetryHttpFilter.Untraced, true);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (FindRefusal(e) is { } refused)
        {
            // Final: the host's addresses are not going to become public by retrying.
            logger.LogWarning("Generation {GenerationId}: callback not sent: {Reason}", generationId, refused.Message);
            return new CallbackResult(false, null, refused.Message);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new CallbackDeliveryException($"Callback to {url.Host} got no answer ({e.GetType().Name}).");
        }
        using (response)
        {
            int status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                logger.LogInformation("Generation {GenerationId}: callback to {Host} answered {Status}", generationId, url.Host, status);
                return new CallbackResult(true, status, null);
            }
            if (status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
            {
                throw new CallbackDeliveryException($"Callback to {url.Host} answered {status}.");
            }
            logger.LogWarning("Generation {GenerationId}: callback to {Host} refused with {Status}", generationId, url.Host, status);
            return new CallbackResult(false, status, $"The callback endpoint answered {status}.");
        }
    }

    /// <summary>The content type as given (a rendered answer's already names its charset), UTF-8 when it names none.</summary>
    private static MediaTypeHeaderValue Utf8(string contentType)
    {
        var type = MediaTypeHeaderValue.Parse(contentType);
        type.CharSet ??= "utf-8";
        return type;
    }

    /// <summary>Null when the URL may be called; else why not (see <see cref="CallbackUrlPolicy"/>).</summary>
    public static string? IsAllowed(Uri url, bool allowLoopback) => CallbackUrlPolicy.Check(url, allowLoopback);

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
