using Microsoft.DurableTask;
using RunwayRelay.Storage;
using RunwayRelay.Telemetry;

namespace RunwayRelay.Orchestration;

/// <summary>
/// The last step: starts the callback's delivery when there is one (<see cref="ReleaseGenerationInput.Notice"/>), then
/// deletes the payload (request, media, callback URL) and frees the output name's reservation (a stored video keeps the
/// name taken by itself). One activity rather than two saves every generation with a callback a durable episode. Safe
/// to run twice.
/// </summary>
public sealed class ReleaseGenerationActivity(GenerationPayloadStore payloads, OutputNameReservations names, CallbackDeliveryStarter callbacks)
    : TaskActivity<ReleaseGenerationInput, object?>
{
    public override async Task<object?> RunAsync(TaskActivityContext context, ReleaseGenerationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var span = RunwayRelayTelemetry.StartTask(GenerationTasks.ReleaseGeneration, context, input.GenerationId, traceParent: input.TraceParent);
        if (input.Notice is { } notice)
        {
            // Before the payload goes: the delivery's address is copied from it.
            await callbacks.StartAsync(input.GenerationId, notice, input.LegacyCallbackUrl).ConfigureAwait(false);
        }
        await payloads.DeleteAsync(input.GenerationId).ConfigureAwait(false);
        await names.ReleaseAsync(input.OutputBlobName, input.GenerationId).ConfigureAwait(false);
        return null;
    }
}
