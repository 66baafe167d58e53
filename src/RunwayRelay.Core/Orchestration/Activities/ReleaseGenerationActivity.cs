using Microsoft.DurableTask;
using RunwayRelay.Storage;
using RunwayRelay.Telemetry;

namespace RunwayRelay.Orchestration;

/// <summary>
/// The last step: deletes the payload (request, media, callback URL) and frees the output name's reservation (a
/// stored video keeps the name taken by itself). Safe to run twice.
/// </summary>
public sealed class ReleaseGenerationActivity(GenerationPayloadStore payloads, OutputNameReservations names) : TaskActivity<ReleaseGenerationInput, object?>
{
    public override async Task<object?> RunAsync(TaskActivityContext context, ReleaseGenerationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var span = RunwayRelayTelemetry.StartTask(GenerationTasks.ReleaseGeneration, context, input.GenerationId, traceParent: input.TraceParent);
        await payloads.DeleteAsync(input.GenerationId).ConfigureAwait(false);
        await names.ReleaseAsync(input.OutputBlobName, input.GenerationId).ConfigureAwait(false);
        return null;
    }
}
