using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using RunwayRelay.Generations;
using RunwayRelay.Orchestration;

namespace RunwayRelay.Http;

/// <summary>Cancelling a generation: <c>DELETE /api/generations/{id}</c>, and its webhook form <c>/unsubscribe</c>.</summary>
public sealed partial class GenerationsApi
{
    /// <summary><c>DELETE /api/generations/{id}</c>: asks a running generation to cancel (202); a finished one answers 200 with its status.</summary>
    public Task<IResult> CancelAsync(HttpRequest request, string id, DurableTaskClient client, CancellationToken cancellationToken = default) =>
        WithGenerationAsync(request, id, client, async (generation, urls) =>
        {
            var status = await CancelUnlessEndedAsync(generation, client, cancellationToken).ConfigureAwait(false);
            if (status != GenerationCancelStatus.Cancelling)
            {
                return CancelAnswer(urls, status, StatusCodes.Status200OK);
            }
            _logger.CancelRequested(id);
            return WithPollHeaders(CancelAnswer(urls, status, StatusCodes.Status202Accepted), urls);
        }, cancellationToken);

    /// <summary>
    /// <c>POST /api/generations/unsubscribe</c> with <c>{ "callbackUrl": ... }</c>: Logic Apps calls it when the run is
    /// cancelled or the action times out. Cancels the subscription's generation and its Runway task as DELETE does;
    /// always 200 once the body is readable (unknown URL, ended generation: nothing to cancel), so a run's clean-up never fails.
    /// </summary>
    public async Task<IResult> UnsubscribeAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken = default)
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
            _logger.UnsubscribeUnknown(id, callbackUrl.Host);
            return CancelAnswer(urls, GenerationCancelStatus.NotSubscribed, StatusCodes.Status200OK);
        }
        var status = await CancelUnlessEndedAsync(new GenerationInstance(instance, _logger), client, cancellationToken).ConfigureAwait(false);
        if (status == GenerationCancelStatus.Cancelling)
        {
            _logger.Unsubscribed(id, callbackUrl.Host);
        }
        return CancelAnswer(urls, status, StatusCodes.Status200OK);
    }

    private static IResult CancelAnswer(GenerationUrls urls, GenerationCancelStatus status, int statusCode) =>
        Json(new GenerationCancelResponse(urls.Id, status.ToString(), urls.Status), statusCode);

    /// <summary>The final status of an ended generation; else asks it to cancel (it cancels its Runway task too): <c>Cancelling</c>.</summary>
    private static async Task<GenerationCancelStatus> CancelUnlessEndedAsync(GenerationInstance generation, DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        if (generation.EndedStatus() is { } ended)
        {
            return ended switch
            {
                GenerationPhase.Succeeded => GenerationCancelStatus.Succeeded,
                GenerationPhase.Cancelled => GenerationCancelStatus.Cancelled,
                GenerationPhase.TimedOut => GenerationCancelStatus.TimedOut,
                // Failed, and a phase that is not final (an ended generation cannot be in one).
                _ => GenerationCancelStatus.Failed,
            };
        }
        await client.RaiseEventAsync(generation.Id, GenerationEvents.Cancel, eventPayload: null, cancellationToken).ConfigureAwait(false);
        return GenerationCancelStatus.Cancelling;
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
}
