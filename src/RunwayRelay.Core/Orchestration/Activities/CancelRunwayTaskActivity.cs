using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using RunwayRelay.Runway;
using RunwayRelay.Telemetry;

namespace RunwayRelay.Orchestration;

/// <summary>Cancels the Runway task (a task already gone counts as cancelled). Returns nothing.</summary>
public sealed partial class CancelRunwayTaskActivity(IRunwayClient runway, ILogger<CancelRunwayTaskActivity> logger) : TaskActivity<string, object?>
{
    public override async Task<object?> RunAsync(TaskActivityContext context, string runwayTaskId)
    {
        using var span = RunwayRelayTelemetry.StartTask(GenerationTasks.CancelRunwayTask, context, runwayTaskId: runwayTaskId);
        await runway.CancelTaskAsync(runwayTaskId).ConfigureAwait(false);
        Log.Cancelled(logger, runwayTaskId);
        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Runway task {RunwayTaskId} cancelled")]
        public static partial void Cancelled(ILogger logger, string runwayTaskId);
    }
}
