using Microsoft.DurableTask;
using RunwayRelay.Telemetry;

namespace RunwayRelay.Orchestration;

/// <summary>
/// The finish step of generations started before <see cref="ReleaseGenerationActivity"/> took the callback's start
/// over (<see cref="Generations.GenerationInput.ReleaseStartsCallback"/> unset): kept so that they replay and finish.
/// </summary>
public sealed class StartCallbackDeliveryActivity(CallbackDeliveryStarter starter) : TaskActivity<StartCallbackDeliveryInput, object?>
{
    public override async Task<object?> RunAsync(TaskActivityContext context, StartCallbackDeliveryInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var span = RunwayRelayTelemetry.StartTask(GenerationTasks.StartCallbackDelivery, context, input.GenerationId, input.Notice.RunwayTaskId,
            traceParent: input.TraceParent);
        await starter.StartAsync(input.GenerationId, input.Notice, input.LegacyCallbackUrl).ConfigureAwait(false);
        return null;
    }
}
