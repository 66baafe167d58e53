using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunwayRelay.Callbacks;
using RunwayRelay.Storage;

namespace RunwayRelay.Orchestration;

/// <summary>
/// Starts a generation's <see cref="CallbackDeliveryOrchestrator"/>, for <see cref="ReleaseGenerationActivity"/> (and
/// <see cref="StartCallbackDeliveryActivity"/> in generations that finish as earlier versions did): copies the callback
/// address from the payload into the <see cref="CallbackTargetStore"/>, then starts the delivery as an instance of its
/// own. Safe to run twice: a delivery that exists already is left alone.
/// </summary>
public sealed class CallbackDeliveryStarter(DurableTaskClient client, GenerationPayloadStore payloads, CallbackTargetStore targets,
    IOptionsMonitor<CallbackOptions> options, ILogger<CallbackDeliveryStarter> logger)
{
    /// <param name="legacyCallbackUrl">Only for a generation started before payloads moved out of durable state.</param>
    public async Task StartAsync(string generationId, CompletionNotice notice, Uri? legacyCallbackUrl)
    {
        ArgumentNullException.ThrowIfNull(notice);
        string deliveryId = CallbackDeliveries.InstanceIdFor(generationId);
        if (await client.GetInstanceAsync(deliveryId, getInputsAndOutputs: false).ConfigureAwait(false) is not null)
        {
            return;
        }
        if (await TargetAsync(generationId, legacyCallbackUrl).ConfigureAwait(false) is not { } target)
        {
            logger.NoCallbackUrl(generationId);
            return;
        }
        await CallbackDeliveries.StartAsync(client, generationId, notice, options.CurrentValue).ConfigureAwait(false);
        logger.CallbackDeliveryStarted(generationId, target.CallbackUrl.Host);
    }

    /// <summary>
    /// The address from the payload, copied to the target store (one read and one write: the payload is there until the
    /// generation is released, which comes after this); else the copy an earlier run stored.
    /// </summary>
    private async Task<CallbackTarget?> TargetAsync(string generationId, Uri? legacyCallbackUrl)
    {
        CallbackTarget? target = legacyCallbackUrl is { } legacy ? new CallbackTarget(legacy, null)
            : await payloads.GetAsync(generationId).ConfigureAwait(false) is { CallbackUrl: { } url } payload ? new CallbackTarget(url, payload.StatusUrl)
            : null;
        if (target is null)
        {
            return await targets.GetAsync(generationId).ConfigureAwait(false);
        }
        await targets.PutAsync(generationId, target).ConfigureAwait(false);
        return target;
    }
}
