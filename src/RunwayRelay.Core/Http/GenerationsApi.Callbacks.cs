using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using RunwayRelay.Callbacks;
using RunwayRelay.Generations;
using RunwayRelay.Orchestration;

namespace RunwayRelay.Http;

/// <summary>The completion callback's delivery: its state in the status answer, and the redeliver route.</summary>
public partial class GenerationsApi
{
    /// <summary>
    /// <c>POST /api/generations/{id}/callback/redeliver</c>: sends the completed event again, with the same webhook-id, on a
    /// fresh schedule. 202; 404 for an unknown generation; 409 while it runs, when it has no callback, while a delivery is
    /// still going on, or once the address is no longer kept.
    /// </summary>
    public virtual async Task<IResult> RedeliverCallbackAsync(HttpRequest request, string id, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var (instance, problem) = await FindGenerationAsync(request, id, client, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return problem!;
        }
        var outcome = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? ReadOutcome(instance) : ReadProgress(instance)?.Outcome;
        if (outcome is null)
        {
            return GenerationProblems.CannotRedeliver(id, RedeliverErrorCodes.GenerationNotEnded,
                "The generation has not ended yet; its callback is sent when it does.");
        }
        if (!HasCallback(instance))
        {
            return GenerationProblems.CannotRedeliver(id, RedeliverErrorCodes.NoCallback, "The generation was started without a callbackUrl.");
        }
        string deliveryId = CallbackDeliveries.InstanceIdFor(id);
        var delivery = await client.GetInstanceAsync(deliveryId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (delivery is null || !IsTerminal(delivery.RuntimeStatus))
        {
            return GenerationProblems.CannotRedeliver(id, RedeliverErrorCodes.CallbackDelivering,
                "The callback is still being delivered; see callback in the status answer, and ask again once it has ended.");
        }
        if (await _callbackTargets.GetAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            return GenerationProblems.CannotRedeliver(id, RedeliverErrorCodes.CallbackAddressExpired,
                "The callback address is no longer kept (it is deleted 7 days after the generation started).");
        }

        var previous = ReadDeliveryInput(delivery);
        // The same notice as before, so a receiver that kept the first delivery gets an identical event.
        var notice = previous?.Notice ?? new CompletionNotice(id, outcome.Status, outcome.RunwayTaskId, outcome.Videos,
            outcome.ErrorCode, outcome.ErrorMessage, DateTimeOffset.UtcNow);
        await client.PurgeInstanceAsync(deliveryId, cancellation: cancellationToken).ConfigureAwait(false);
        await client.ScheduleNewOrchestrationInstanceAsync(GenerationTasks.CallbackDelivery,
            new CallbackDeliveryInput(id, notice, CallbackSchedule.From(_callbacks.CurrentValue), (previous?.Redelivery ?? 0) + 1),
            new StartOrchestrationOptions(deliveryId), cancellationToken).ConfigureAwait(false);
        Log.Redelivering(_logger, id);

        var urls = UrlsFor(request, id, isCollection: false, subSegments: 2);
        return TypedResults.Json(new GenerationRedeliverResponse(id, new CallbackDeliveryStatus(CallbackDeliveryState.Pending, 0), urls.Status), Json,
                statusCode: StatusCodes.Status202Accepted)
            .WithHeaders(("Location", urls.Status.AbsoluteUri));
    }

    /// <summary>The delivery's state for an ended generation with a callback; null when it has none.</summary>
    private async Task<CallbackDeliveryStatus?> ReadCallbackAsync(OrchestrationMetadata generation, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (!HasCallback(generation))
        {
            return null;
        }
        var delivery = await client.GetInstanceAsync(CallbackDeliveries.InstanceIdFor(generation.InstanceId), getInputsAndOutputs: true, cancellationToken)
            .ConfigureAwait(false);
        try
        {
            return delivery?.RuntimeStatus switch
            {
                // Not started yet: the generation is starting it as it ends.
                null => new CallbackDeliveryStatus(CallbackDeliveryState.Pending, 0),
                OrchestrationRuntimeStatus.Completed => delivery.ReadOutputAs<CallbackDeliveryStatus>(),
                OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated =>
                    (delivery.ReadCustomStatusAs<CallbackDeliveryStatus>() ?? new CallbackDeliveryStatus(CallbackDeliveryState.Failed, 0))
                    with { State = CallbackDeliveryState.Failed, NextAttemptAt = null },
                _ => delivery.ReadCustomStatusAs<CallbackDeliveryStatus>() ?? new CallbackDeliveryStatus(CallbackDeliveryState.Pending, 0),
            };
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            _logger.LogWarning("Generation {GenerationId}: callback delivery state unreadable ({Error})", generation.InstanceId, e.GetType().Name);
            return null;
        }
    }

    private bool HasCallback(OrchestrationMetadata generation)
    {
        try
        {
            return generation.ReadInputAs<GenerationInput>() is { } input && (input.HasCallback || input.CallbackUrl is not null);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            _logger.LogWarning("Generation {GenerationId}: input unreadable ({Error})", generation.InstanceId, e.GetType().Name);
            return false;
        }
    }

    private static CallbackDeliveryInput? ReadDeliveryInput(OrchestrationMetadata delivery)
    {
        try
        {
            return delivery.ReadInputAs<CallbackDeliveryInput>();
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(920, LogLevel.Information, "Generation {GenerationId}: callback redelivery requested")]
        public static partial void Redelivering(ILogger logger, string generationId);
    }
}
