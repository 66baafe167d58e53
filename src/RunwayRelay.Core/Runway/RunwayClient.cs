using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using RunwayRelay.ApiKeys;
using RunwayRelay.Common;
using RunwayRelay.Telemetry;

namespace RunwayRelay.Runway;

/// <summary>
/// Typed client for the Runway developer API (register with <see cref="RunwayServiceCollectionExtensions.AddRunwayClient"/>);
/// consumers take <see cref="IRunwayClient"/>. Every failure is a <see cref="RunwayException"/> whose message says what
/// to do and never contains the API key. Retries live in the HttpClient's resilience pipeline (<see cref="RunwayRetryPolicy"/>):
/// reads are retried, creates only when Runway cannot have received them.
/// </summary>
public sealed partial class RunwayClient : IRunwayClient
{
    public const string ApiVersionHeader = "X-Runway-Version";

    internal static readonly JsonSerializerOptions Json = RunwayRelayJson.RunwayWire;

    private readonly HttpClient _http;
    private readonly IRunwayApiKeyProvider _keys;
    private readonly ILogger<RunwayClient> _logger;
    private readonly IHttpClientFactory? _uploadClients;
    private readonly TimeProvider _time;

    /// <param name="uploadClients">
    /// Supplies the <see cref="RunwayServiceCollectionExtensions.UploadHttpClientName"/> client for upload files; without
    /// it they go through <paramref name="httpClient"/> too (never with the key).
    /// </param>
    public RunwayClient(HttpClient httpClient, IRunwayApiKeyProvider keyProvider, IOptions<RunwayOptions> options, ILogger<RunwayClient> logger,
        IHttpClientFactory? uploadClients, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(keyProvider);
        ArgumentNullException.ThrowIfNull(options);
        _http = httpClient;
        _keys = keyProvider;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _uploadClients = uploadClients;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _http.BaseAddress ??= RunwayBaseUrl.ForRequests(options.Value.BaseUrl);
    }

    /// <inheritdoc/>
    public async Task<RunwayTaskCreated> CreateTaskAsync(RunwayGenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var issues = RunwayRequestValidator.Validate(request);
        if (issues.Count > 0)
        {
            throw new RunwayException(RunwayErrorKind.InvalidRequest,
                $"The {request.Endpoint} request for model '{request.Model}' is invalid and was not sent to Runway: {Describe(issues)}",
                issues: issues);
        }

        // The concrete type is serialized: the `endpoint` discriminator belongs to orchestration input, not to Runway's body.
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(request, request.GetType(), Json);
        var operation = new Operation("create", request.Endpoint, RunwayRequestKind.Create) { Model = request.Model };
        var created = await CallAsync<RunwayTaskCreated>(() => PostJson("v1/" + request.Endpoint, body, safeToRepeat: false), operation, cancellationToken)
            .ConfigureAwait(false);
        _logger.RunwayTaskCreated(created.Id, request.Endpoint, request.Model);
        return created;
    }

    /// <inheritdoc/>
    public Task<RunwayTask> GetTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        var operation = new Operation("get task", taskId, RunwayRequestKind.Get) { TaskId = taskId };
        return CallAsync<RunwayTask>(() => new HttpRequestMessage(HttpMethod.Get, TaskPath(taskId)), operation, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task CancelTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        var operation = new Operation("cancel task", taskId, RunwayRequestKind.Delete) { TaskId = taskId };
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, TaskPath(taskId)), operation, cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            _logger.RunwayTaskAlreadyGone(taskId);
            return;
        }
        if (!response.IsSuccessStatusCode)
        {
            throw await ToExceptionAsync(response, operation, cancellationToken).ConfigureAwait(false);
        }
        _logger.RunwayTaskCancelled(taskId);
    }

    /// <inheritdoc/>
    public Task<RunwayOrganization> GetOrganizationAsync(CancellationToken cancellationToken = default) =>
        CallAsync<RunwayOrganization>(() => new HttpRequestMessage(HttpMethod.Get, "v1/organization"),
            new Operation("get organization", null, RunwayRequestKind.Organization), cancellationToken);

    /// <inheritdoc/>
    public Task<RunwayCreditUsage> GetUsageAsync(DateOnly startDate, DateOnly beforeDate, CancellationToken cancellationToken = default)
    {
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            startDate = UtcDays.ToText(startDate),
            beforeDate = UtcDays.ToText(beforeDate),
        }, Json);
        // A report, not a generation: repeating it is harmless.
        return CallAsync<RunwayCreditUsage>(() => PostJson("v1/organization/usage", body, safeToRepeat: true),
            new Operation("get usage", null, RunwayRequestKind.Usage), cancellationToken);
    }

    /// <summary>One call whose success carries a JSON body; any other answer becomes the <see cref="RunwayException"/> for it.</summary>
    private async Task<T> CallAsync<T>(Func<HttpRequestMessage> build, Operation operation, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(build, operation, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ToExceptionAsync(response, operation, cancellationToken).ConfigureAwait(false);
        }
        return await ReadAsync<T>(response, operation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A JSON POST. <paramref name="safeToRepeat"/> tells the resilience pipeline that a repeat creates nothing billable
    /// (a report, an upload slot), so it may be retried like a read.
    /// </summary>
    private static HttpRequestMessage PostJson(string path, byte[] body, bool safeToRepeat)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        if (safeToRepeat)
        {
            request.Options.Set(RunwayRetryPolicy.SafeToRepeat, true);
        }
        return request;
    }

    /// <summary>No answer arrived (network, timeouts), as opposed to the caller cancelling.</summary>
    private static bool IsNoAnswer(Exception ex, CancellationToken cancellationToken) =>
        (ex is HttpRequestException or TimeoutRejectedException or TaskCanceledException)
        && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested);

    private static bool IsTimeout(Exception ex) => ex is TimeoutRejectedException or TaskCanceledException;

    private static string TaskPath(string taskId) => "v1/tasks/" + Uri.EscapeDataString(taskId);

    /// <summary>
    /// One call, plus at most one more when Runway answers 401 and the key provider then has a different key
    /// (rotated in Key Vault). A 401 creates nothing, so repeating a create after it cannot double-charge.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, Operation operation, CancellationToken cancellationToken)
    {
        using var span = RunwayRelayTelemetry.StartRunwayCall(operation.Kind, operation.TaskId, operation.Model);
        int status = 0;
        try
        {
            var response = await SendWithKeyAsync(build, operation, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            return response;
        }
        finally
        {
            // 0: no answer (network, timeout, no key); the span then ends in error too.
            span?.SetTag(RunwayRelayTelemetry.StatusCodeTag, status);
            if (status is 0 or >= 400)
            {
                span?.SetStatus(ActivityStatusCode.Error);
            }
            RunwayRelayMetrics.RunwayRequests.Add(1, new TagList
            {
                { RunwayRelayTelemetry.RequestKindTag, operation.Kind.ToTagValue() },
                { RunwayRelayTelemetry.StatusCodeTag, status },
            });
        }
    }

    private async Task<HttpResponseMessage> SendWithKeyAsync(Func<HttpRequestMessage> build, Operation operation, CancellationToken cancellationToken)
    {
        var key = await GetKeyAsync(cancellationToken).ConfigureAwait(false);
        var response = await SendOnceAsync(build, key, operation, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        _keys.Invalidate();
        RunwayApiKey reread;
        try
        {
            reread = await GetKeyAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }
        if (reread.Fingerprint == key.Fingerprint)
        {
            _logger.RunwayUnauthorizedSameKey(key.Fingerprint, operation.Name);
            return response;
        }

        _logger.RunwayRetryingWithRotatedKey(key.Fingerprint, reread.Fingerprint, operation.Name);
        response.Dispose();
        return await SendOnceAsync(build, reread, operation, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RunwayApiKey> GetKeyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _keys.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RunwayApiKeyException ex)
        {
            throw new RunwayException(RunwayErrorKind.Unauthorized, ex.Message, innerException: ex);
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(Func<HttpRequestMessage> build, RunwayApiKey key, Operation operation, CancellationToken cancellationToken)
    {
        using var request = build();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Value);
        request.Headers.TryAddWithoutValidation(ApiVersionHeader, RunwayOptions.ApiVersion);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            _logger.RunwayAnswered(request.Method.Method, request.RequestUri?.OriginalString ?? "", (int)response.StatusCode);
            return response;
        }
        catch (Exception ex) when (IsNoAnswer(ex, cancellationToken))
        {
            throw NoAnswer(ex, operation);
        }
    }

    private RunwayException NoAnswer(Exception ex, Operation operation)
    {
        bool timedOut = IsTimeout(ex);
        bool neverConnected = RunwayRetryPolicy.IsConnectFailure(ex);
        string what = timedOut ? "did not answer in time" : neverConnected ? "could not be reached" : "dropped the connection";
        string message = $"Runway ({_http.BaseAddress}) {what} while {operation.Describe()}";
        if (operation.IsCreate)
        {
            message += neverConnected
                ? ": nothing was submitted. Check Runway__BaseUrl / RUNWAYML_BASE_URL and the network, then submit again."
                : ". The request may have reached Runway, so it was not repeated (a second submission is a second paid generation): " +
                  $"check the tasks in the Runway developer portal ({RunwayPortal.Url}) before submitting again.";
        }
        else
        {
            message += " (after retries). Try again later.";
        }
        _logger.RunwayNoAnswer(ex, operation.Describe());
        return new RunwayException(RunwayErrorKind.Network, message, innerException: ex);
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, Operation operation, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException("empty body");
        }
        catch (JsonException ex)
        {
            throw new RunwayException(RunwayErrorKind.Other,
                $"Runway answered {(int)response.StatusCode} while {operation.Describe()} with a body this client cannot read: {ex.Message}",
                response.StatusCode, innerException: ex);
        }
    }

    private async Task<RunwayException> ToExceptionAsync(HttpResponseMessage response, Operation operation, CancellationToken cancellationToken)
    {
        string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var (error, issues) = ParseError(body);
        int status = (int)response.StatusCode;
        string said = error is null ? "" : $" Runway said: \"{error}\".";
        string where = operation.Describe();

        RunwayException result;
        if (status == 401)
        {
            result = new RunwayException(RunwayErrorKind.Unauthorized,
                $"Runway rejected the API key (401 Unauthorized) while {where}: it is invalid, disabled or revoked, or the organization is suspended. " +
                $"Create a new key or re-enable it in the Runway developer portal ({RunwayPortal.Url}, API Keys), then put it in " +
                $"{RunwayApiKeyProvider.EnvironmentVariable} or the Key Vault secret (Runway__KeyVaultUri, Runway__ApiKeySecretName).{said}",
                response.StatusCode, error, issues);
        }
        else if (status == 402 || (status == 400 && IsInsufficientCredits(error)))
        {
            result = new RunwayException(RunwayErrorKind.InsufficientCredits,
                $"Runway refused the generation because the organization has not enough API credits ({status}). {RunwayPortal.AddCreditsAdvice}{said}",
                response.StatusCode, error, issues);
        }
        else if (status == 400 || status == 422)
        {
            string detail = issues.Count > 0 ? " " + Describe(issues) : "";
            result = new RunwayException(RunwayErrorKind.InvalidRequest,
                $"Runway rejected the request ({status}) while {where}.{said}{detail}", response.StatusCode, error, issues);
        }
        else if (status == 404)
        {
            result = new RunwayException(RunwayErrorKind.NotFound,
                operation.Subject is { } id && operation.Name.Contains("task", StringComparison.Ordinal)
                    ? $"Runway has no task {id} (404): it is unknown, was deleted or cancelled, or belongs to another organization.{said}"
                    : $"Runway answered 404 while {where}: check Runway__BaseUrl / RUNWAYML_BASE_URL.{said}",
                response.StatusCode, error, issues);
        }
        else if (status == 429 && RunwayRetryPolicy.IsDailyLimit(error))
        {
            var wait = RunwayRetryPolicy.RetryAfter(response, _time);
            string resets = wait is { } w
                ? $"Runway asks to wait {Math.Ceiling(w.TotalSeconds)} s."
                : "Runway counts the limit over a rolling 24 hours, so it frees up at the latest 24 hours after this refusal.";
            result = new RunwayException(RunwayErrorKind.DailyLimitReached,
                $"Runway refused the generation: the organization reached its daily generation limit for this model ({where}). {resets} " +
                $"It was not retried. Raise the limit with a higher usage tier in the developer portal ({RunwayPortal.Url}), or try again after it resets.{said}",
                response.StatusCode, error, issues) { RetryAfter = wait };
        }
        else if (status == 429)
        {
            result = new RunwayException(RunwayErrorKind.RateLimited,
                $"Runway is limiting requests (429) while {where}: too many requests, or the organization reached its daily generation " +
                $"limit for this model. Try again later{RetryAfterText(response)}, or see the limits of your tier in the developer portal ({RunwayPortal.Url}).{said}",
                response.StatusCode, error, issues);
        }
        else if (status >= 500)
        {
            string createNote = operation.IsCreate
                ? " It was not retried: Runway may have accepted it, and a second submission is a second paid generation. " +
                  $"Check the tasks in the developer portal ({RunwayPortal.Url}) before submitting again."
                : " Try again later.";
            result = new RunwayException(RunwayErrorKind.ServerError,
                $"Runway failed with {status} while {where}.{createNote}{said}", response.StatusCode, error, issues);
        }
        else
        {
            result = new RunwayException(RunwayErrorKind.Other,
                $"Runway answered {status} while {where}.{said}", response.StatusCode, error, issues);
        }

        _logger.RunwayCallFailed(status, result.Kind, where);
        return result;
    }

    private string RetryAfterText(HttpResponseMessage response) =>
        RunwayRetryPolicy.RetryAfter(response, _time) is { } delay ? $" (Runway asks to wait {Math.Ceiling(delay.TotalSeconds)} s)" : "";

    /// <summary>Runway's error body: <c>{"error": "...", "issues": [{code, path: (string|number)[], message}]}</c>; anything else is tolerated.</summary>
    internal static (string? Error, IReadOnlyList<RunwayIssue> Issues) ParseError(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, []);
        }
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (Truncate(body), []);
            }
            string? error = root.TryGetProperty("error", out var e)
                ? e.ValueKind == JsonValueKind.String ? e.GetString()
                    : e.ValueKind == JsonValueKind.Object && e.TryGetProperty("message", out var m) ? m.ToString() : e.ToString()
                : root.TryGetProperty("message", out var msg) ? msg.ToString() : null;

            var issues = new List<RunwayIssue>();
            if (root.TryGetProperty("issues", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }
                    string code = item.TryGetProperty("code", out var c) ? c.ToString() : "unknown";
                    string message = item.TryGetProperty("message", out var im) ? Redact(im.ToString()) : "";
                    var path = item.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.Array
                        ? p.EnumerateArray().Select(s => s.ToString()).ToList()
                        : [];
                    issues.Add(new RunwayIssue(code, path, message));
                }
            }
            return (error is null ? null : Redact(error), issues);
        }
        catch (JsonException)
        {
            return (Truncate(body), []);
        }
    }

    /// <summary>Runway has reported an empty balance both as 402 and as a 400 whose text says so.</summary>
    internal static bool IsInsufficientCredits(string? error) => error is not null && CreditsPattern().IsMatch(error);

    internal static string Describe(IReadOnlyList<RunwayIssue> issues) =>
        string.Join("; ", issues.Select(i => string.IsNullOrEmpty(i.Field) ? i.Message : $"{i.Field}: {i.Message}"));

    // Defence in depth: should anything ever echo a key back, it does not travel on in our messages.
    private static string Redact(string text) => KeyPattern().Replace(text, "key_[redacted]");

    private static string Truncate(string text) => Redact(text.Length <= 300 ? text : text[..300] + "…");

    [GeneratedRegex(@"key_[0-9a-fA-F]{6,}")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"\b(insufficient|enough|no|zero|out of|exhausted|run out of|ran out of)\b[^.]{0,40}\bcredits?\b|\bcredits?\b[^.]{0,40}\b(insufficient|exhausted|too low|depleted|not enough)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CreditsPattern();

    private sealed record Operation(string Name, string? Subject, RunwayRequestKind Kind)
    {
        public bool IsCreate => Kind == RunwayRequestKind.Create;

        public string? TaskId { get; init; }

        public string? Model { get; init; }

        public string Describe() => Subject is null ? Name : $"{Name} {Subject}";
    }
}
