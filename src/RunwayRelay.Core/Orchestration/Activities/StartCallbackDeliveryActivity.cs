using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunwayRelay.Callbacks;
using RunwayRelay.Storage;
using RunwayRelay.Telemetry;

namespace RunwayRelay.Orchestration;

/// <summary>
/// Run when a generation with a callback ends, before its payload is released: copies the callback address into the
/// <see cref="CallbackTargetStore"/> and starts <see cref="CallbackDeliveryOrchestrator"/> as an instance of its own, so
/// the generation completes with its outcome at once and the delivery never changes it. Safe to run twice: a delivery
/// that exists already is left alone.
/// </summary>
public sealed class StartCallbackDeliveryActivity(DurableTaskClient client, GenerationPayloadStore payloads, CallbackTargetStore targets,
    IOptionsMonitor<CallbackOptions> options, ILogger<StartCallbackDeliveryActivity> logger)
    : TaskActivity<StartCallbackDeliveryInput, object?>
{
    public override async Task<object?> RunAsync(TaskActivityContext context, StartCallbackDeliveryInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var span = RunwayRelayTelemetry.StartTask(GenerationTasks.StartCallbackDelivery, context, input.GenerationId, input.Notice.RunwayTaskId,
            traceParent: input.TraceParent);
        string deliveryId = CallbackDeliveries.InstanceIdFor(input.GenerationId);
        if (await client.GetInstanceAsync(deliveryId, getInputsAndOutputs: false).ConfigureAwait(false) is not null)
        {
            return null;
        }
        if (await TargetAsync(input).ConfigureAwait(false) is not { } target)
        {
            logger.NoCallbackUrl(input.GenerationId);
            return null;
        }
        await client.ScheduleNewOrchestrationInstanceAsync(GenerationTasks.CallbackDelivery,
            new CallbackDeliveryInput(input.GenerationId, input.Notice, CallbackSchedule.From(options.CurrentValue)),
            new StartOrchestrationOptions(deliveryId)).ConfigureAwait(false);
        logger.CallbackDeliveryStarted(input.GenerationId, target.CallbackUrl.Host);
        return null;
    }

    /// <summary>
    /// The address from the payload, copied to the target store (one read and one write: the payload is there until the
    /// generation is released, which comes after this step); else the copy an earlier run of this activity stored.
    /// </summary>
    private async Task<CallbackTarget?> TargetAsync(StartCallbackDeliveryInput input)
    {
        CallbackTarget? target = input.LegacyCallbackUrl is { } legacy ? new CallbackTarget(legacy, null)
            : await payloads.GetAsync(input.GenerationId).ConfigureAwait(false) is { CallbackUrl: { } url } payload ? new CallbackTarget(url, payload.StatusUrl)
            : null;
        if (target is null)
        {
            return await targets.GetAsync(input.GenerationId).ConfigureAwait(false);
        }
        await targets.PutAsync(input.GenerationId, target).ConfigureAwait(false);
        return target;
    }
}
