using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using RunwayRelay.ApiKeys;
using RunwayRelay.Runway;
using RunwayRelay.Telemetry;

namespace RunwayRelay.Orchestration;

/// <summary>
/// One status read. Returns the status, progress, createdAt and when the answer came, never the output URLs: on
/// SUCCEEDED those go to the process-local <see cref="RunwayOutputCache"/> for the copy that follows.
/// </summary>
public sealed class ReadRunwayTaskActivity(IRunwayClient runway, RunwayOutputCache outputs, TimeProvider time, ILogger<ReadRunwayTaskActivity> logger)
    : TaskActivity<ReadRunwayTaskInput, RunwayTaskSnapshot>
{
    public override async Task<RunwayTaskSnapshot> RunAsync(TaskActivityContext context, ReadRunwayTaskInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var span = RunwayRelayTelemetry.StartTask(GenerationTasks.ReadRunwayTask, context, runwayTaskId: input.RunwayTaskId, traceParent: input.TraceParent);
        string runwayTaskId = input.RunwayTaskId;
        await HoldTheFloorAsync(input).ConfigureAwait(false);
        try
        {
            var task = await runway.GetTaskAsync(runwayTaskId).ConfigureAwait(false);
            if (task.Status == RunwayTaskStatus.Succeeded && task.Output is { Count: > 0 } urls)
            {
                outputs.Remember(runwayTaskId, urls);
            }
            if (task.Status == RunwayTaskStatus.Succeeded && (task.Cost ?? task.EstimatedCost) is { } cost)
            {
                RunwayRelayMetrics.CreditsSpent.Add(cost.Credits);
            }
            return new TaskObserved(task.Status, task.Progress, task.Failure, task.FailureCode) { CreatedAt = task.CreatedAt, CostCredits = task.Cost?.Credits, ReadAt = time.GetUtcNow() };
        }
        catch (RunwayException e) when (e.IsTransient)
        {
            logger.ReadFailed(runwayTaskId, e.Kind);
            return new TaskUnreadable(e.Message) { ReadAt = time.GetUtcNow() };
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

    /// <summary>
    /// A durable timer may fire early (the Azure Storage backend makes its message visible after the remaining delay
    /// truncated to whole seconds), so the floor is held here, where the GET is sent. Never longer than
    /// <see cref="MaxHold"/>: a clock far off between two workers must not stall a poll.
    /// </summary>
    private async Task HoldTheFloorAsync(ReadRunwayTaskInput input)
    {
        if (input.NotBefore is not { } notBefore)
        {
            return;
        }
        var wait = notBefore - time.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            return;
        }
        // Plus a little: the two clock reads that bound the previous GET (its answer here, its arrival at Runway) and
        // this one's are not ordered finer than that.
        var until = time.GetUtcNow() + (wait > MaxHold ? MaxHold : wait) + ClockMargin;
        logger.HoldingFloor(input.RunwayTaskId, (long)wait.TotalMilliseconds);
        // A timer may wake a little before the wall clock says it should; check the clock, not the timer.
        while ((wait = until - time.GetUtcNow()) > TimeSpan.Zero)
        {
            await Task.Delay(wait + TimeSpan.FromMilliseconds(1), time).ConfigureAwait(false);
        }
    }

    internal static readonly TimeSpan MaxHold = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan ClockMargin = TimeSpan.FromMilliseconds(2);
}
