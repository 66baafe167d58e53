using System.Globalization;
using System.Net.Sockets;
using Polly;
using Polly.Timeout;
using RunwayRelay.Common;

namespace RunwayRelay.Runway;

/// <summary>
/// Which failed attempts may be repeated. Reads (GET, DELETE) are repeated on 408, 429, 5xx, timeouts and connection
/// errors. A create (POST) is a paid generation and Runway has no idempotency key, so it is repeated only when Runway
/// cannot have acted on it: the connection was never established, or Runway answered 429 (nothing was created).
/// </summary>
public static partial class RunwayRetryPolicy
{
    /// <summary>
    /// Marks a POST that creates nothing billable (e.g. <c>POST /v1/uploads</c>): it is repeated like a read.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> SafeToRepeat = new("RunwayRelay.SafeToRepeat");

    /// <summary>Marks an upload to a presigned URL whose content can be sent again (a seekable stream).</summary>
    public static readonly HttpRequestOptionsKey<bool> ContentRepeatable = new("RunwayRelay.ContentRepeatable");

    /// <summary>As <see cref="ShouldRetry(HttpMethod?, Outcome{HttpResponseMessage})"/>, with POSTs marked <see cref="SafeToRepeat"/> treated as reads.</summary>
    public static bool ShouldRetry(HttpRequestMessage? request, Outcome<HttpResponseMessage> outcome) =>
        request is not null && request.Options.TryGetValue(SafeToRepeat, out var safe) && safe
            ? ShouldRetry(HttpMethod.Get, outcome)
            : ShouldRetry(request?.Method, outcome);

    /// <summary>
    /// The file POST to a presigned upload URL stores one object under one key: sending it again replaces it with the same
    /// bytes, so it is repeated like a read (408, 429, 5xx, timeouts, connection errors), as long as its content can be
    /// sent again. 4xx answers (expired or altered policy, size out of range) are final.
    /// </summary>
    public static bool ShouldRetryUpload(HttpRequestMessage? request, Outcome<HttpResponseMessage> outcome) =>
        request is not null && request.Options.TryGetValue(ContentRepeatable, out var repeatable) && repeatable
        && ShouldRetry(HttpMethod.Get, outcome);

    public static bool ShouldRetry(HttpMethod? method, Outcome<HttpResponseMessage> outcome)
    {
        bool isCreate = method is null || method == HttpMethod.Post || method == HttpMethod.Put || method == HttpMethod.Patch;
        if (outcome.Exception is { } ex)
        {
            if (ex is OperationCanceledException)
            {
                return false;
            }
            return isCreate ? IsConnectFailure(ex) : ex is HttpRequestException or TimeoutRejectedException;
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }
        int status = (int)response.StatusCode;
        if (status == 429)
        {
            return true;
        }
        return !isCreate && (status == 408 || status >= 500);
    }

    /// <summary>
    /// A 429 on a create that says the daily generation limit is reached: repeating it within seconds cannot succeed,
    /// so it is answered at once (the body is buffered, so the client can still read it).
    /// </summary>
    public static async ValueTask<bool> IsDailyLimitAsync(HttpRequestMessage? request, Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Result is not { StatusCode: System.Net.HttpStatusCode.TooManyRequests } response || request?.Method != HttpMethod.Post)
        {
            return false;
        }
        await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
        string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return IsDailyLimit(body);
    }

    /// <summary>Runway's text for a model's daily generation quota (e.g. "You have reached the daily generation limit of your tier").</summary>
    public static bool IsDailyLimit(string? text) => text is not null && DailyLimitPattern().IsMatch(text);

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(daily|24[- ]hour|per day)\b[^.]{0,60}\b(limit|quota)\b|\b(limit|quota)\b[^.]{0,60}\b(daily|per day)\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex DailyLimitPattern();

    /// <summary>True when the request cannot have left this machine: no connection was made.</summary>
    public static bool IsConnectFailure(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket && socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound
                    or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TryAgain or SocketError.AddressNotAvailable)
            {
                return true;
            }
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The wait Runway asks for: <c>retry-after-ms</c> first, then <c>Retry-After</c> (seconds or an HTTP date).</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time)
    {
        if (response is null)
        {
            return null;
        }
        if (response.Headers.TryGetValues("retry-after-ms", out var ms)
            && double.TryParse(ms.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }
        return RetryAfterHeader.Read(response, time);
    }
}
