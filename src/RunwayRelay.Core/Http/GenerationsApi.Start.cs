using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using RunwayRelay.Budget;
using RunwayRelay.Generations;
using RunwayRelay.Runway;
using RunwayRelay.Runway.Pricing;
using RunwayRelay.Scheduling;

namespace RunwayRelay.Http;

/// <summary>Starting a generation: <c>POST /api/generations</c>, its webhook form <c>/subscribe</c>, and <c>/quote</c>.</summary>
public sealed partial class GenerationsApi
{
    /// <summary><c>POST /api/generations</c>: validate, then start once (per <c>Idempotency-Key</c>); 202 with the status URL.</summary>
    public async Task<IResult> StartAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);

        // The header's problems come first in the answer; when the body is refused outright they are not reported.
        var errors = new ValidationErrors();
        string? idempotencyKey = ReadIdempotencyKey(request, errors);
        var (accepted, refusal) = await ReadGenerationAsync(request, errors, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        if (accepted is null)
        {
            _logger.StartInvalid(string.Join(",", errors.Fields));
            return GenerationProblems.Validation(errors);
        }

        string id = idempotencyKey is null ? GenerationIds.New() : GenerationIds.FromIdempotencyKey(idempotencyKey);
        var draft = new GenerationDraft(id, accepted.Request, accepted.OutputBlobName, accepted.CallbackUrl,
            CallbackEvents: EventsOf(accepted)) { IdIsNew = idempotencyKey is null };
        return await ScheduleAsync(client, draft, UrlsFor(request, id, isCollection: true), GenerationProblems.IdempotencyKeyReused,
            StatusCodes.Status202Accepted, scheduled: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>POST /api/generations/quote</c>: the same body as a generation, validated the same way; answers what it would
    /// cost and whether the budgets would take it now. Submits nothing, stores nothing.
    /// </summary>
    public async Task<IResult> QuoteAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        var (accepted, refusal) = await ReadGenerationAsync(request, errors, cancellationToken).ConfigureAwait(false);
        if (refusal is not null || accepted is null)
        {
            return refusal ?? GenerationProblems.Validation(errors);
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
        return Json(quote, StatusCodes.Status200OK);
    }

    /// <summary>
    /// <c>POST /api/generations/subscribe</c>, the Logic Apps HTTP Webhook action's subscribe call: the generation request
    /// with a required <c>callbackUrl</c>. The id is derived from the callback URL, so a subscribe Logic Apps retries
    /// answers the same generation and never submits twice; the callback gets the final status body.
    /// </summary>
    public async Task<IResult> SubscribeAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);

        var errors = new ValidationErrors();
        var (accepted, refusal) = await ReadGenerationAsync(request, errors, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
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
            _logger.SubscribeInvalid(string.Join(",", errors.Fields));
            return GenerationProblems.Validation(errors);
        }

        string id = GenerationIds.FromCallbackUrl(callbackUrl);
        var urls = UrlsFor(request, id, isCollection: false);
        // Only the path is kept: the callback body names the status URL by path, and a ?code= key must not be stored.
        var statusPath = new Uri(urls.Status.GetLeftPart(UriPartial.Path));
        var draft = new GenerationDraft(id, accepted.Request, accepted.OutputBlobName, callbackUrl, StatusUrl: statusPath);
        // 201, not 202: a webhook subscription is created (the Power Platform connector format asks for 201 with
        // Location, which it DELETEs to unsubscribe), and a 202 would invite a client to poll the subscribe itself.
        return await ScheduleAsync(client, draft, urls, GenerationProblems.CallbackUrlReused, StatusCodes.Status201Created,
            result => _logger.Subscribed(id, callbackUrl.Host, result.GetType().Name), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The door's budget check, then the generation scheduled once: <paramref name="status"/> for a new or repeated one,
    /// <paramref name="idConflict"/> when its id holds another request, 409 for a taken output name.
    /// </summary>
    private async Task<IResult> ScheduleAsync(DurableTaskClient client, GenerationDraft draft, GenerationUrls urls,
        Func<string, IResult> idConflict, int status, Action<ScheduleResult>? scheduled, CancellationToken cancellationToken)
    {
        if (await BudgetProblemAsync(client, draft.GenerationId, draft.Request, cancellationToken).ConfigureAwait(false) is { } overBudget)
        {
            return overBudget;
        }
        var result = await _scheduler.ScheduleAsync(client, draft, OutputNamePolicy.Exact, cancellationToken).ConfigureAwait(false);
        scheduled?.Invoke(result);
        return result switch
        {
            Scheduled or AlreadyScheduled => WithPollHeaders(Json(new GenerationAcceptedResponse(urls.Id, nameof(GenerationPhase.Accepted), urls.Status,
                urls.Status, ModelCreditRates.Estimate(draft.Request)), status), urls),
            IdConflict conflict => idConflict(conflict.GenerationId),
            OutputNameTaken taken => GenerationProblems.OutputExists(taken.OutputBlobName),
            _ => throw new InvalidOperationException($"Unexpected schedule result {result.GetType().Name}."),
        };
    }

    /// <summary>The door's budget check: a problem when a guard refuses and the id is not a generation that already exists (a repeat).</summary>
    private async Task<IResult?> BudgetProblemAsync(DurableTaskClient client, string id, RunwayGenerationRequest request, CancellationToken cancellationToken)
    {
        if (await _budget.CheckAsync(request, cancellationToken).ConfigureAwait(false) is not BudgetRefused refused
            || await client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null)
        {
            return null;
        }
        _logger.OverBudget(id, refused.ErrorCode, refused.EstimatedCredits);
        return GenerationProblems.BudgetRefused(refused, _time.GetUtcNow());
    }
}
