using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using RunwayRelay.Callbacks;
using RunwayRelay.Orchestration;

namespace RunwayRelay.Http;

/// <summary><c>POST /api/generations/{id}/callback/redeliver</c>: the completion callback once more.</summary>
public sealed partial class GenerationsApi
{
    /// <summary>
    /// Sends the completed event again, with the same webhook-id, on a fresh schedule. 202; 404 for an unknown
    /// generation; 409 while it runs, when it has no callback, while a delivery is still going on, or once the address
    /// is no longer kept.
    /// </summary>
    public Task<IResult> RedeliverCallbackAsync(HttpRequest request, string id, DurableTaskClient client, CancellationToken cancellationToken = default) =>
        WithGenerationAsync(request, id, client, (generation, urls) => RedeliverAsync(generation, urls, client, cancellationToken),
            cancellationToken, subSegments: 2);

    private async Task<IResult> RedeliverAsync(GenerationInstance generation, GenerationUrls urls, DurableTaskClient client, CancellationToken cancellationToken)
    {
        string id = generation.Id;
        if (generation.ReadEndedOutcome() is not { } outcome)
        {
            return GenerationProblems.CannotRedeliver(id, RedeliverErrorCode.GenerationNotEnded,
                "The generation has not ended yet; its callback is sent when it does.");
        }
        if (!generation.HasCallback())
        {
            return GenerationProblems.CannotRedeliver(id, RedeliverErrorCode.NoCallback, "The generation was started without a callbackUrl.");
        }
        string deliveryId = CallbackDeliveries.InstanceIdFor(id);
        var delivery = await client.GetInstanceAsync(deliveryId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (delivery is null || !DurableMetadata.HasEnded(delivery.RuntimeStatus))
        {
            return GenerationProblems.CannotRedeliver(id, RedeliverErrorCode.CallbackDelivering,
                "The callback is still being delivered; see callback in the status answer, and ask again once it has ended.");
        }
        if (await _callbackTargets.GetAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            return GenerationProblems.CannotRedeliver(id, RedeliverErrorCode.CallbackAddressExpired,
                "The callback address is no longer kept (it is deleted 7 days after the generation started).");
        }

        var previous = GenerationInstance.ReadDeliveryInput(delivery);
        // The same notice as before, so a receiver that kept the first delivery gets an identical event.
        var notice = previous?.Notice ?? CompletionNotice.For(id, outcome, _time.GetUtcNow());
        await client.PurgeInstanceAsync(deliveryId, cancellation: cancellationToken).ConfigureAwait(false);
        await CallbackDeliveries.StartAsync(client, id, notice, _callbacks.CurrentValue, (previous?.Redelivery ?? 0) + 1, cancellationToken)
            .ConfigureAwait(false);
        _logger.Redelivering(id);

        return Json(new GenerationRedeliverResponse(id, new CallbackDeliveryStatus(CallbackDeliveryState.Pending, 0), urls.Status),
                StatusCodes.Status202Accepted)
            .WithHeaders(("Location", urls.Status.AbsoluteUri));
    }
}
