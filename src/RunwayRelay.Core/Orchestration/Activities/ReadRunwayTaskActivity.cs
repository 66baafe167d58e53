using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using RunwayRelay.ApiKeys;
using RunwayRelay.Runway;

namespace RunwayRelay.Orchestration;

/// <summary>One status read. Returns the status, progress and failure, never the output URLs.</summary>
public sealed partial class ReadRunwayTaskActivity(RunwayClient runway, ILogger<ReadRunwayTaskActivity> logger) : TaskActivity<string, RunwayTaskSnapshot>
{
    public override async Task<RunwayTaskSnapshot> RunAsync(TaskActivityContext context, string runwayTaskId)
    {
        try
        {
            var task = await runway.GetTaskAsync(runwayTaskId).ConfigureAwait(false);
            return new TaskObserved(task.Status, task.Progress, task.Failure, task.FailureCode);
        }
        catch (RunwayException e) when (e.IsTransient)
        {
            Log.ReadFailed(logger, runwayTaskId, e.Kind);
            return new TaskUnreadable(e.Message);
        }
        catch (RunwayException e) when (e.Kind == RunwayErrorKind.NotFound)
        {
            return new TaskLost(GenerationErrorCodes.RunwayTaskNotFound,
                $"Runway no longer knows task {runwayTaskId}: it was cancelled or deleted outside RunwayRelay.");
        }
        catch (RunwayException e)
        {
            return new TaskLost(GenerationErrorCodes.ForCreate(e.Kind), e.Message);
        }
        catch (RunwayApiKeyException e)
        {
            return new TaskLost(GenerationErrorCodes.ApiKeyUnavailable, e.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Runway task {RunwayTaskId}: status read failed ({Kind}); polling on")]
        public static partial void ReadFailed(ILogger logger, string runwayTaskId, RunwayErrorKind kind);
    }
}
