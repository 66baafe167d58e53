using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using RunwayRelay.Callbacks;
using RunwayRelay.Generations;
using RunwayRelay.Orchestration;

namespace RunwayRelay.Http;

/// <summary>
/// A generation orchestration as the handlers read it. Its payloads may have been written by another version of the app,
/// so every read that cannot be understood logs a warning and reads as missing instead of failing the request.
/// </summary>
internal sealed class GenerationInstance(OrchestrationMetadata metadata, ILogger logger)
{
    public string Id => metadata.InstanceId;

    public OrchestrationRuntimeStatus RuntimeStatus => metadata.RuntimeStatus;

    public string? FailureMessage => metadata.FailureDetails?.ErrorMessage;

    public bool IsTerminal => DurableMetadata.HasEnded(metadata.RuntimeStatus);

    public GenerationOutcome? ReadOutcome() => Read(metadata.ReadOutputAs<GenerationOutcome>, "output");

    public GenerationInput? ReadInput() => Read(metadata.ReadInputAs<GenerationInput>, "input");

    public GenerationProgress? ReadProgress() => Read(metadata.ReadCustomStatusAs<GenerationProgress>, "custom status");

    /// <summary>The outcome of an ended generation: the output once completed, else the one the custom status already holds.</summary>
    public GenerationOutcome? ReadEndedOutcome() =>
        metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? ReadOutcome() : ReadProgress()?.Outcome;

    /// <summary>The final status of a generation that has ended (also one still finishing its callback), else null.</summary>
    public GenerationPhase? EndedStatus() => IsTerminal ? FinalStatus() : ReadProgress()?.Outcome?.Status;

    /// <summary>Whether the generation was started with a callback; an unreadable input counts as none.</summary>
    public bool HasCallback() => ReadInput() is { } input && (input.HasCallback || input.CallbackUrl is not null);

    /// <summary>The completion callback's delivery state for a generation with a callback; null when it has none.</summary>
    public async Task<CallbackDeliveryStatus?> ReadCallbackDeliveryAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (!HasCallback())
        {
            return null;
        }
        var delivery = await client.GetInstanceAsync(CallbackDeliveries.InstanceIdFor(Id), getInputsAndOutputs: true, cancellationToken)
            .ConfigureAwait(false);
        return Read(() => delivery?.RuntimeStatus switch
        {
            // Not started yet: the generation is starting it as it ends.
            null => new CallbackDeliveryStatus(CallbackDeliveryState.Pending, 0),
            OrchestrationRuntimeStatus.Completed => delivery.ReadOutputAs<CallbackDeliveryStatus>(),
            OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated =>
                (delivery.ReadCustomStatusAs<CallbackDeliveryStatus>() ?? new CallbackDeliveryStatus(CallbackDeliveryState.Failed, 0))
                with { State = CallbackDeliveryState.Failed, NextAttemptAt = null },
            _ => delivery.ReadCustomStatusAs<CallbackDeliveryStatus>() ?? new CallbackDeliveryStatus(CallbackDeliveryState.Pending, 0),
        }, "callback delivery state");
    }

    /// <summary>The input of an ended delivery, which holds the notice it sent; null when unreadable.</summary>
    public static CallbackDeliveryInput? ReadDeliveryInput(OrchestrationMetadata delivery)
    {
        try
        {
            return delivery.ReadInputAs<CallbackDeliveryInput>();
        }
        catch (Exception e) when (DurableMetadata.IsUnreadable(e))
        {
            return null;
        }
    }

    private GenerationPhase FinalStatus() => metadata.RuntimeStatus switch
    {
        OrchestrationRuntimeStatus.Completed => ReadOutcome()?.Status ?? GenerationPhase.Failed,
        OrchestrationRuntimeStatus.Terminated => GenerationPhase.Cancelled,
        _ => GenerationPhase.Failed,
    };

    private T? Read<T>(Func<T?> read, string part) where T : class
    {
        try
        {
            return read();
        }
        catch (Exception e) when (DurableMetadata.IsUnreadable(e))
        {
            logger.Unreadable(Id, part, e.GetType().Name);
            return null;
        }
    }
}
