using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using RunwayRelay.Runway;
using RunwayRelay.Telemetry;

namespace RunwayRelay.Orchestration;

/// <summary>Cancels the Runway task (a task already gone counts as cancelled). Returns nothing.</summary>
public sealed class CancelRunwayTaskActivity(IRunwayClient runway, ILogger<CancelRunwayTaskActivity> logger) : TaskActivity<string, object?>
{
    public override async Task<object?> RunAsync(TaskActivityContext context, string runwayTaskId)
    {
        using var span = RunwayRelayTelemetry.StartTask(GenerationTasks.CancelRunwayTask, context, runwayTaskId: runwayTaskId);
        await runway.CancelTaskAsync(runwayTaskId).ConfigureAwait(false);
        logger.RunwayTaskCancelled(runwayTaskId);
        return null;
    }
}
