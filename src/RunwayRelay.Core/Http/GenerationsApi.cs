using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunwayRelay.Budget;
using RunwayRelay.Callbacks;
using RunwayRelay.Generations;
using RunwayRelay.Orchestration;
using RunwayRelay.Runway;
using RunwayRelay.Runway.Pricing;
using RunwayRelay.Scheduling;
using RunwayRelay.Storage;

namespace RunwayRelay.Http;

/// <summary>
/// The HTTP API's handlers, host-agnostic: the DevHost maps them with <see cref="GenerationsEndpointRouteBuilderExtensions.MapGenerationsApi"/>,
/// the Functions app calls them from its HTTP triggers with its <c>[DurableClient]</c>. Both answer identically.
/// </summary>
public partial class GenerationsApi
{
    /// <summary>Both hosts write the same JSON whatever their own JSON settings are.</summary>
    internal static readonly JsonSerializerOptions Json = RunwayRelayJson.Web;

    private readonly IOptionsMonitor<RunwayOptions> _runway;
    private readonly IOptionsMonitor<GenerationApiOptions> _api;
    private readonly IOptionsMonitor<CallbackOptions> _callbacks;
    private readonly ILogger<GenerationsApi> _logger;
    private readonly VideoDownloadLinks _links;
    private readonly GenerationScheduler _scheduler;
    private readonly CallbackTargetStore _callbackTargets;
    private readonly BudgetGuard _budget;
    private readonly IOptionsMonitor<BudgetOptions> _budgets;
    private readonly TimeProvider _time;

    public GenerationsApi(IOptionsMonitor<RunwayOptions> runway, IOptionsMonitor<GenerationApiOptions> api,
        IOptionsMonitor<CallbackOptions> callbacks, ILogger<GenerationsApi> logger,
        VideoDownloadLinks links, GenerationScheduler scheduler, CallbackTargetStore callbackTargets,
        BudgetGuard budget, IOptionsMonitor<BudgetOptions> budgets, TimeProvider time)
    {
        _callbackTargets = callbackTargets;
        _budget = budget;
        _budgets = budgets;
        _time = time;
        _links = links;
        _scheduler = scheduler;
        _runway = runway;
        _api = api;
        _callbacks = callbacks;
        _logger = logger;
    }

    /// <summary><c>POST /api/generations</c>: validate, then start once (per <c>Idempotency-Key</c>); 202 with the status URL.</summary>
    public virtual async Task<IResult> StartAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);

        var (body, refusal) = await ReadJsonBodyAsync(request, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var errors = new ValidationErrors();
        string? idempotencyKey = ReadIdempotencyKey(request, errors);
        var accepted = Judge(request, body, errors);
        if (accepted is null)
        {
            _logger.LogInformation("POST generations refused: invalid {Fields}", string.Join(",", errors.Fields));
            return GenerationProblems.Validation(errors);
        }

        string id = idempotencyKey is null ? GenerationIds.New() : GenerationIds.FromIdempotencyKey(idempotencyKey);
        if (await BudgetProblemAsync(client, id, accepted.Request, cancellationToken).ConfigureAwait(false) is { } overBudget)
        {
            return overBudget;
        }
        var urls = UrlsFor(request, id, isCollection: true);
        var draft = new GenerationDraft(id, accepted.Request, accepted.OutputBlobName, accepted.CallbackUrl,
            CallbackEvents: EventsOf(accepted));
        var result = await _scheduler.ScheduleAsync(client, draft, OutputNamePolicy.Exact, cancellationToken).ConfigureAwait(false);
        return Answer(result, urls, GenerationProblems.IdempotencyKeyReused, ModelCreditRates.Estimate(accepted.Request));
    }

    /// <summary>
    /// <c>POST /api/generations/quote</c>: the same body as a generation, validated the same way; answers what it would
    /// cost and whether the budgets would take it now. Submits nothing, stores nothing.
    /// </summary>
    public virtual async Task<IResult> QuoteAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (body, refusal) = await ReadJsonBodyAsync(request, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        var errors = new ValidationErrors();
        var accepted = Judge(request, body, errors);
        if (accepted is null)
        {
            return GenerationProblems.Validation(errors);
        }
        var verdict = await _budget.CheckAsync(accepted.Request, cancellationToken).ConfigureAwait(false);
        var settings = _budgets.CurrentValue;
        var refused = verdict as BudgetRefused;
        var quote = new GenerationQuoteResponse(
            accepted.Request.Endpoint,
            accepted.Request.Model,
            verdict.EstimatedCredits,
            verdict.EstimatedCredits * ModelCreditRates.UsdPerCredit,
            ModelCreditRates.AsOf,
            settings.MaxCreditsPerGeneration,
            settings.MaxCreditsPerDay,
            refused?.ErrorCode,
            refused?.Message);
        return TypedResults.Json(quote, Json, statusCode: StatusCodes.Status200OK);
    }

    /// <summary>The door's budget check: a problem when a guard refuses and the id is not a generation that already exists (a repeat).</summary>
    private async Task<IResult?> BudgetProblemAsync(DurableTaskClient client, string id, RunwayGenerationRequest request, CancellationToken cancellationToken)
    {
        if (await _budget.CheckAsync(request, cancellationToken).ConfigureAwait(false) is not BudgetRefused refused
            || await client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null)
        {
            return null;
        }
        Log.OverBudget(_logger, id, refused.ErrorCode, refused.EstimatedCredits);
        return GenerationProblems.BudgetRefused(refused, _time.GetUtcNow());
    }

    /// <summary>
    /// <c>POST /api/generations/subscribe</c>, the Logic Apps HTTP Webhook action's subscribe call: the generation request
    /// with a required <c>callbackUrl</c>. The id is derived from the callback URL, so a subscribe Logic Apps retries
    /// answers the same generation and never submits twice; the callback gets the final status body.
    /// </summary>
    public virtual async Task<IResult> SubscribeAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);

        var (body, refusal) = await ReadJsonBodyAsync(request, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var errors = new ValidationErrors();
        var accepted = Judge(request, body, errors);
        if (accepted is not null && accepted.CallbackUrl is null)
        {
            errors.Add(GenerationFields.CallbackUrl, "is required: the webhook's callback URL (listCallbackUrl() in Logic Apps)");
            accepted = null;
        }
        if (accepted?.CallbackEvents is { Count: > 0 })
        {
            // Logic Apps takes the first call to the callback URL as the action's result.
            errors.Add(GenerationFields.CallbackEvents, "is not taken by subscribe: a webhook subscription gets only the final status");
            accepted = null;
        }
        if (accepted?.CallbackUrl is not { } callbackUrl)
        {
            Log.SubscribeInvalid(_logger, string.Join(",", errors.Fields));
            return GenerationProblems.Validation(errors);
        }

        string id = GenerationIds.FromCallbackUrl(callbackUrl);
        if (await BudgetProblemAsync(client, id, accepted.Request, cancellationToken).ConfigureAwait(false) is { } overBudget)
        {
            return overBudget;
        }
        var urls = UrlsFor(request, id, isCollection: false);
        // Only the path is kept: the callback body names the status URL by path, and a ?code= key must not be stored.
        var statusPath = new Uri(urls.Status.GetLeftPart(UriPartial.Path));
        var draft = new GenerationDraft(id, accepted.Request, accepted.OutputBlobName, callbackUrl, StatusUrl: statusPath);
        var result = await _scheduler.ScheduleAsync(client, draft, OutputNamePolicy.Exact, cancellationToken).ConfigureAwait(false);
        Log.Subscribed(_logger, id, callbackUrl.Host, result.GetType().Name);
        // 201, not 202: a webhook subscription is created (the Power Platform connector format asks for 201 with
        // Location, which it DELETEs to unsubscribe), and a 202 would invite a client to poll the subscribe itself.
        return Answer(result, urls, GenerationProblems.CallbackUrlReused, ModelCreditRates.Estimate(accepted.Request),
            StatusCodes.Status201Created);
    }

    /// <summary>
    /// <c>POST /api/generations/unsubscribe</c> with <c>{ "callbackUrl": ... }</c>: Logic Apps calls it when the run is
    /// cancelled or the action times out. Cancels the subscription's generation and its Runway task as DELETE does;
    /// always 200 once the body is readable (unknown URL, ended generation: nothing to cancel), so a run's clean-up never fails.
    /// </summary>
    public virtual async Task<IResult> UnsubscribeAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        if (!RequestBodyReader.IsJson(request.ContentType))
        {
            return GenerationProblems.UnsupportedMediaType(request.ContentType);
        }
        if (UrlProblem(request) is { } badHost)
        {
            return badHost;
        }
        var (body, refusal) = await ReadJsonBodyAsync(request, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        if (ReadCallbackUrl(body) is not { } callbackUrl)
        {
            var errors = new ValidationErrors();
            errors.Add(GenerationFields.CallbackUrl, "is required: the absolute callback URL the subscribe was given");
            return GenerationProblems.Validation(errors);
        }

        string id = GenerationIds.FromCallbackUrl(callbackUrl);
        var urls = UrlsFor(request, id, isCollection: false);
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (instance is null || instance.Name != GenerationTasks.Orchestrator)
        {
            Log.UnsubscribeUnknown(_logger, id, callbackUrl.Host);
            return TypedResults.Json(new GenerationCancelResponse(id, UnknownSubscription, urls.Status), Json, statusCode: StatusCodes.Status200OK);
        }
        string? ended = IsTerminal(instance.RuntimeStatus) ? FinalStatus(instance) : ReadProgress(instance)?.Outcome?.Status;
        if (ended is not null)
        {
            return TypedResults.Json(new GenerationCancelResponse(id, ended, urls.Status), Json, statusCode: StatusCodes.Status200OK);
        }
        await client.RaiseEventAsync(id, GenerationEvents.Cancel, eventPayload: null, cancellationToken).ConfigureAwait(false);
        Log.Unsubscribed(_logger, id, callbackUrl.Host);
        return TypedResults.Json(new GenerationCancelResponse(id, "Cancelling", urls.Status), Json, statusCode: StatusCodes.Status200OK);
    }

    /// <summary><paramref name="status"/> (202) for a new or repeated generation; <paramref name="idConflict"/> when its id holds another request; 409 for a taken name.</summary>
    private IResult Answer(ScheduleResult result, GenerationUrls urls, Func<string, IResult> idConflict, long? estimatedCredits,
        int status = StatusCodes.Status202Accepted) => result switch
    {
        Scheduled or AlreadyScheduled => Accepted(urls, estimatedCredits, status),
        IdConflict conflict => idConflict(conflict.GenerationId),
        OutputNameTaken taken => GenerationProblems.OutputExists(taken.OutputBlobName),
        _ => throw new InvalidOperationException($"Unexpected schedule result {result.GetType().Name}."),
    };

    /// <summary>A JSON body within <c>Api__MaxRequestBodyBytes</c>, or the 415 or 413 answer.</summary>
    private async Task<(ReadOnlyMemory<byte> Body, IResult? Refusal)> ReadJsonBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!RequestBodyReader.IsJson(request.ContentType))
        {
            return (default, GenerationProblems.UnsupportedMediaType(request.ContentType));
        }
        long limit = _api.CurrentValue.MaxRequestBodyBytes;
        if (await RequestBodyReader.ReadAsync(request, limit, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            Log.BodyTooLarge(_logger, request.Path.Value ?? "", limit);
            return (default, GenerationProblems.TooLarge(limit));
        }
        return (body, null);
    }

    /// <summary>The <c>status</c> of an unsubscribe whose callback URL names no generation.</summary>
    public const string UnknownSubscription = "NotSubscribed";

    /// <summary>
    /// Renders what <c>GET /api/generations/{id}</c> answers for <paramref name="outcome"/> (the same <see cref="IResult"/>,
    /// executed on a detached context with the host's services, so the bytes match a GET's exactly).
    /// </summary>
    public virtual async Task<FinalStatusBody> RenderFinalStatusAsync(string id, GenerationOutcome outcome, Uri statusUrl, IServiceProvider services,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(statusUrl);
        ArgumentNullException.ThrowIfNull(services);
        var result = Finished(id, outcome, new GenerationUrls(id, statusUrl, statusUrl));
        using var buffer = new MemoryStream();
        var context = new DefaultHttpContext { RequestServices = services, RequestAborted = cancellationToken };
        context.Response.Body = buffer;
        await result.ExecuteAsync(context).ConfigureAwait(false);
        return new FinalStatusBody(context.Response.StatusCode, context.Response.ContentType ?? "application/json", buffer.ToArray());
    }

    private static Uri? ReadCallbackUrl(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(GenerationFields.CallbackUrl, out var value)
                && value.ValueKind == JsonValueKind.String
                && Uri.TryCreate(value.GetString(), UriKind.Absolute, out var url)
                ? url
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary><c>GET /api/generations/{id}</c>: 202 while running, 200 with the videos, problem+json on failure, 404 unknown.</summary>
    public virtual async Task<IResult> GetStatusAsync(HttpRequest request, string id, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var (instance, problem) = await FindGenerationAsync(request, id, client, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return problem!;
        }
        var urls = UrlsFor(request, id, isCollection: false);

        switch (instance.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Completed:
                return Finished(id, ReadOutcome(instance), urls, await ReadCallbackAsync(instance, client, cancellationToken).ConfigureAwait(false));
            case OrchestrationRuntimeStatus.Failed:
                return GenerationProblems.Failure(id, GenerationPhase.Failed, GenerationProblems.OrchestrationFailed,
                    $"The generation stopped on an unexpected error: {instance.FailureDetails?.ErrorMessage ?? "no details"}",
                    ReadProgress(instance)?.RunwayTaskId, urls.Status);
            case OrchestrationRuntimeStatus.Terminated:
                return GenerationProblems.Failure(id, GenerationPhase.Cancelled, GenerationProblems.Terminated,
                    "The generation was terminated by an operator; its Runway task, if any, was not cancelled by RunwayRelay.",
                    ReadProgress(instance)?.RunwayTaskId, urls.Status);
            default:
                var progress = ReadProgress(instance);
                if (progress?.Outcome is { } ended)
                {
                    // Ended; the orchestration is only starting the callback's delivery and releasing the payload.
                    return Finished(id, ended, urls, await ReadCallbackAsync(instance, client, cancellationToken).ConfigureAwait(false));
                }
                var input = ReadInput(instance);
                var status = new GenerationStatusResponse(id, progress?.Phase ?? GenerationPhase.Accepted, progress?.RunwayStatus,
                    progress?.Progress, progress?.RunwayTaskId, urls.Status, urls.Cancel, input?.EstimatedCredits,
                    input?.Checkpoint?.ThrottledFor is { } throttled ? TimeSpan.FromMilliseconds(Math.Round(throttled.TotalMilliseconds)) : null);
                return TypedResults.Json(status, Json, statusCode: StatusCodes.Status202Accepted)
                    .WithHeaders(("Location", urls.Status.AbsoluteUri), ("Retry-After", RetryAfterSeconds()));
        }
    }

    /// <summary><c>DELETE /api/generations/{id}</c>: asks a running generation to cancel (202); a finished one answers 200 with its status.</summary>
    public virtual async Task<IResult> CancelAsync(HttpRequest request, string id, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var (instance, problem) = await FindGenerationAsync(request, id, client, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return problem!;
        }
        var urls = UrlsFor(request, id, isCollection: false);
        string? ended = IsTerminal(instance.RuntimeStatus) ? FinalStatus(instance) : ReadProgress(instance)?.Outcome?.Status;
        if (ended is not null)
        {
            return TypedResults.Json(new GenerationCancelResponse(id, ended, urls.Status), Json, statusCode: StatusCodes.Status200OK);
        }

        await client.RaiseEventAsync(id, GenerationEvents.Cancel, eventPayload: null, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Generation {GenerationId}: cancel requested", id);
        return TypedResults.Json(new GenerationCancelResponse(id, "Cancelling", urls.Status), Json, statusCode: StatusCodes.Status202Accepted)
            .WithHeaders(("Location", urls.Status.AbsoluteUri), ("Retry-After", RetryAfterSeconds()));
    }

    /// <summary>The request's problems (into <paramref name="errors"/>): its Host, then its body; or the request to run.</summary>
    internal AcceptedGenerationRequest? Judge(HttpRequest request, ReadOnlyMemory<byte> body, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (GenerationUrlBuilder.HostProblem(request, _api.CurrentValue.PublicBase) is { } hostProblem)
        {
            errors.Add(GenerationUrlBuilder.HostHeader, hostProblem);
        }
        return Judge(body, errors);
    }

    /// <summary>The body's problems (into <paramref name="errors"/>) or the request to run.</summary>
    internal AcceptedGenerationRequest? Judge(ReadOnlyMemory<byte> body, ValidationErrors errors)
    {
        if (body.IsEmpty)
        {
            errors.Add(GenerationFields.Body, "The body is empty; send a JSON object describing the generation.");
            return null;
        }
        if (JsonTextCheck.BodyProblem(body.Span) is { } bom)
        {
            errors.Add(GenerationFields.Body, bom);
            return null;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            errors.Add(GenerationFields.Body, JsonTextCheck.Utf8Problem(body.Span) ?? $"The body is not valid JSON: {e.Message}");
            return null;
        }
        using (document)
        {
            if (document.RootElement.ValueKind == JsonValueKind.Object && !JsonTextCheck.Check(document.RootElement, errors))
            {
                return null;
            }
            var read = GenerationRequestReader.Read(document.RootElement, errors);
            if (errors.Contains(GenerationFields.Body))
            {
                return null;
            }
            var callbacks = _callbacks.CurrentValue;
            var policy = new GenerationRequestPolicy(!string.IsNullOrEmpty(callbacks.SigningSecret), callbacks.AllowLoopback)
            {
                AllowUnknownModels = AllowUnknownModels,
            };
            var accepted = GenerationRequestMapper.Map(read, policy, errors);
            return errors.Count == 0 ? accepted : null;
        }
    }

    private bool AllowUnknownModels => _runway.CurrentValue.AllowUnknownModels;

    private CallbackEventSubscription? EventsOf(AcceptedGenerationRequest accepted) =>
        accepted.CallbackEvents is { Count: > 0 } events
            ? new CallbackEventSubscription(events.Contains(CallbackEventTypes.Running), events.Contains(CallbackEventTypes.Progress),
                _callbacks.CurrentValue.ProgressInterval)
            : null;

    private IResult Accepted(GenerationUrls urls, long? estimatedCredits, int status = StatusCodes.Status202Accepted) =>
        TypedResults.Json(new GenerationAcceptedResponse(urls.Id, GenerationPhase.Accepted, urls.Status, urls.Cancel, estimatedCredits), Json,
                statusCode: status)
            .WithHeaders(("Location", urls.Status.AbsoluteUri), ("Retry-After", RetryAfterSeconds()));

    /// <summary>The final answer; <paramref name="callback"/> (the delivery's state) is left out of what a subscription's callback gets.</summary>
    private IResult Finished(string id, GenerationOutcome? outcome, GenerationUrls urls, CallbackDeliveryStatus? callback = null)
    {
        if (outcome is null)
        {
            return GenerationProblems.Failure(id, GenerationPhase.Failed, GenerationProblems.NoOutcome,
                "The generation finished without an outcome.", null, urls.Status);
        }
        if (outcome.Status == GenerationPhase.Succeeded)
        {
            var videos = outcome.Videos.Select(_links.WithDownloadUrl).ToList();
            return TypedResults.Json(new GenerationSucceededResponse(id, outcome.Status, outcome.RunwayTaskId, videos, outcome.EstimatedCredits, outcome.CreditsSpent, callback), Json,
                statusCode: StatusCodes.Status200OK);
        }
        return GenerationProblems.Failure(id, outcome.Status, outcome.ErrorCode,
            outcome.ErrorMessage ?? $"The generation ended {outcome.Status}.", outcome.RunwayTaskId, urls.Status, outcome, callback);
    }

    private string FinalStatus(OrchestrationMetadata instance) => instance.RuntimeStatus switch
    {
        OrchestrationRuntimeStatus.Completed => ReadOutcome(instance)?.Status ?? GenerationPhase.Failed,
        OrchestrationRuntimeStatus.Terminated => GenerationPhase.Cancelled,
        _ => GenerationPhase.Failed,
    };

    private GenerationOutcome? ReadOutcome(OrchestrationMetadata instance)
    {
        try
        {
            return instance.ReadOutputAs<GenerationOutcome>();
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            _logger.LogWarning("Generation {GenerationId}: output unreadable ({Error})", instance.InstanceId, e.GetType().Name);
            return null;
        }
    }

    private GenerationInput? ReadInput(OrchestrationMetadata instance)
    {
        try
        {
            return instance.ReadInputAs<GenerationInput>();
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            _logger.LogWarning("Generation {GenerationId}: input unreadable ({Error})", instance.InstanceId, e.GetType().Name);
            return null;
        }
    }

    private GenerationProgress? ReadProgress(OrchestrationMetadata instance)
    {
        try
        {
            return instance.ReadCustomStatusAs<GenerationProgress>();
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            _logger.LogWarning("Generation {GenerationId}: custom status unreadable ({Error})", instance.InstanceId, e.GetType().Name);
            return null;
        }
    }

    private static bool IsTerminal(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    private static string? ReadIdempotencyKey(HttpRequest request, ValidationErrors errors)
    {
        if (!request.Headers.TryGetValue(GenerationIds.IdempotencyKeyHeader, out var values))
        {
            return null;
        }
        if (values.Count != 1 || values[0] is not { } key)
        {
            errors.Add(GenerationIds.IdempotencyKeyHeader, "must be sent once");
            return null;
        }
        if (GenerationIds.IdempotencyKeyProblem(key) is { } problem)
        {
            errors.Add(GenerationIds.IdempotencyKeyHeader, problem);
            return null;
        }
        return key;
    }

    /// <summary>The generation orchestration <paramref name="id"/> names, or the answer when there is none (404) or the request's Host is bad.</summary>
    private async Task<(OrchestrationMetadata? Instance, IResult? Problem)> FindGenerationAsync(HttpRequest request, string id, DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        if (!GenerationIds.IsWellFormed(id))
        {
            return (null, GenerationProblems.NotFound(id));
        }
        if (UrlProblem(request) is { } badHost)
        {
            return (null, badHost);
        }
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        return instance is null || instance.Name != GenerationTasks.Orchestrator ? (null, GenerationProblems.NotFound(id)) : (instance, null);
    }

    private string RetryAfterSeconds() =>
        Math.Max(1, (long)Math.Ceiling(_runway.CurrentValue.PollInterval.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>Absolute status and cancel URLs (see <see cref="GenerationUrlBuilder"/>); the request's Host was checked first.</summary>
    internal GenerationUrls UrlsFor(HttpRequest request, string id, bool isCollection, int subSegments = 0)
    {
        var url = GenerationUrlBuilder.Build(request, _api.CurrentValue.PublicBase, id, isCollection, subSegments);
        return new GenerationUrls(id, url, url);
    }

    /// <summary>A 400 naming the Host header when no status URL can be built for the request; else null.</summary>
    private IResult? UrlProblem(HttpRequest request)
    {
        if (GenerationUrlBuilder.HostProblem(request, _api.CurrentValue.PublicBase) is not { } problem)
        {
            return null;
        }
        var errors = new ValidationErrors();
        errors.Add(GenerationUrlBuilder.HostHeader, problem);
        return GenerationProblems.InvalidRequest(errors);
    }

    internal sealed record GenerationUrls(string Id, Uri Status, Uri Cancel);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "POST {Path} refused: body larger than {Limit} bytes")]
        public static partial void BodyTooLarge(ILogger logger, string path, long limit);

        [LoggerMessage(2, LogLevel.Information, "POST generations/subscribe refused: invalid {Fields}")]
        public static partial void SubscribeInvalid(ILogger logger, string fields);

        // Only the host: a Logic Apps callback URL carries its sig= token in the query.
        [LoggerMessage(3, LogLevel.Information, "Generation {GenerationId}: webhook subscribed for callback host {Host} ({Result})")]
        public static partial void Subscribed(ILogger logger, string generationId, string host, string result);

        [LoggerMessage(4, LogLevel.Information, "Generation {GenerationId}: unsubscribe for callback host {Host}, nothing subscribed")]
        public static partial void UnsubscribeUnknown(ILogger logger, string generationId, string host);

        [LoggerMessage(5, LogLevel.Information, "Generation {GenerationId}: unsubscribed by callback host {Host}; cancel requested")]
        public static partial void Unsubscribed(ILogger logger, string generationId, string host);

        [LoggerMessage(1105, LogLevel.Information, "Generation {GenerationId} refused at the door: {Code} (estimate {Estimate} credits)")]
        public static partial void OverBudget(ILogger logger, string generationId, string code, long? estimate);
    }
}
