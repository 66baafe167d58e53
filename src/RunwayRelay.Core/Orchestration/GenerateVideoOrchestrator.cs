using System.Security.Cryptography;
using System.Text;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using RunwayRelay.Generations;
using RunwayRelay.Runway;

namespace RunwayRelay.Orchestration;

/// <summary>
/// One generation: check the key, submit once, poll with durable timers (one poll per execution, then ContinueAsNew so
/// the history stays small), copy the outputs, notify. Every failure ends normally with a <see cref="GenerationOutcome"/>
/// carrying an error code, so the status endpoint never has to parse exceptions.
/// </summary>
public sealed class GenerateVideoOrchestrator : TaskOrchestrator<GenerationInput, GenerationOutcome>
{
    /// <summary>Copying is idempotent (the store skips outputs already stored), so it may be retried.</summary>
    internal static readonly TaskOptions CopyRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 4, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    internal static readonly TaskOptions KeyRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2));

    internal static readonly TaskOptions ReadRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 2, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2));

    internal static readonly TaskOptions CancelRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2));

    internal static readonly TaskOptions CallbackRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(1)));

    public override async Task<GenerationOutcome> RunAsync(TaskOrchestrationContext context, GenerationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var log = context.CreateReplaySafeLogger<GenerateVideoOrchestrator>();

        var checkpoint = input.Checkpoint;
        if (checkpoint is null)
        {
            SetStatus(context, GenerationPhase.Accepted, null, null, null);
            ApiKeyCheck key;
            try
            {
                key = await context.CallActivityAsync<ApiKeyCheck>(GenerationTasks.EnsureApiKey, input.GenerationId, KeyRetry);
            }
            catch (TaskFailedException e)
            {
                key = new ApiKeyCheck(false, null, null, $"Reading the Runway API key failed: {e.FailureDetails.ErrorMessage}");
            }
            if (!key.Available)
            {
                return await FinishAsync(context, input, Failed(null, GenerationErrorCodes.ApiKeyUnavailable, key.Error ?? "The Runway API key is unavailable."));
            }

            // No retry policy: a second POST is a second paid generation. The activity itself guards re-execution.
            SubmissionResult submission;
            try
            {
                submission = await context.CallActivityAsync<SubmissionResult>(GenerationTasks.SubmitGeneration,
                    new SubmitGenerationInput(input.GenerationId, input.Request));
            }
            catch (TaskFailedException e)
            {
                return await FinishAsync(context, input, Failed(null, GenerationErrorCodes.SubmissionError,
                    $"Submitting to Runway failed: {e.FailureDetails.ErrorMessage} A task may have been created; check the Runway dashboard before submitting again."));
            }
            if (submission.RunwayTaskId is null)
            {
                return await FinishAsync(context, input, Failed(null, submission.ErrorCode ?? GenerationErrorCodes.RunwayError,
                    submission.ErrorMessage ?? "Runway did not accept the generation."));
            }
            log.LogInformation("Generation {GenerationId} submitted as Runway task {RunwayTaskId}", input.GenerationId, submission.RunwayTaskId);
            checkpoint = new GenerationCheckpoint(submission.RunwayTaskId, 0, null, null);
            SetStatus(context, GenerationPhase.Submitted, checkpoint.RunwayTaskId, null, null);
        }
        else
        {
            // A new execution starts with no custom status; restore it so status readers see progress while we wait.
            SetStatus(context, PhaseOf(checkpoint.LastRunwayStatus), checkpoint.RunwayTaskId, checkpoint.LastRunwayStatus, checkpoint.LastProgress);
        }

        string taskId = checkpoint.RunwayTaskId;
        DateTime deadline = input.AcceptedAt.UtcDateTime + input.Polling.Timeout;
        DateTime now = context.CurrentUtcDateTime;
        DateTime fireAt = now + PollingPlan.DelayBefore(input.Polling, checkpoint.PollCount);
        if (fireAt > deadline)
        {
            fireAt = deadline > now ? deadline : now;
        }

        // Race the poll timer against a cancel request. The cancel wait is never cancelled: in Microsoft.DurableTask a
        // cancelled wait still takes the next event of its name, so a DELETE arriving during the poll below was lost
        // (durabletask-dotnet#508). Left open, it receives that event, and it is checked again before ContinueAsNew.
        Task<object?> cancel = context.WaitForExternalEvent<object?>(GenerationEvents.Cancel);
        using (var cts = new CancellationTokenSource())
        {
            Task timer = context.CreateTimer(fireAt, cts.Token);
            Task winner = await Task.WhenAny(timer, cancel);
            if (winner == cancel)
            {
                // No timer outlives this execution.
                cts.Cancel();
                return await CancelOnRequestAsync(context, input, taskId);
            }
        }

        RunwayTaskSnapshot snapshot;
        try
        {
            snapshot = await context.CallActivityAsync<RunwayTaskSnapshot>(GenerationTasks.ReadRunwayTask, taskId, ReadRetry);
        }
        catch (TaskFailedException e)
        {
            // Reading is harmless to repeat: an unexpected failure is treated like a transient one until the deadline.
            snapshot = new RunwayTaskSnapshot(null, TransientError: e.FailureDetails.ErrorMessage);
        }
        if (snapshot.FatalErrorCode is not null)
        {
            return await FinishAsync(context, input, Failed(taskId, snapshot.FatalErrorCode, snapshot.FatalErrorMessage ?? "Reading the Runway task failed."));
        }

        switch (snapshot.Status)
        {
            case RunwayTaskStatus.Succeeded:
                return await FinishAsync(context, input, await CopyAsync(context, input, taskId));
            case RunwayTaskStatus.Failed:
                return await FinishAsync(context, input, Failed(taskId, snapshot.FailureCode ?? GenerationErrorCodes.RunwayTaskFailed,
                    $"Runway could not generate the video: {snapshot.Failure ?? "no reason given"}" +
                    (snapshot.FailureCode is null ? "" : $" (failure code {snapshot.FailureCode})")));
            case RunwayTaskStatus.Cancelled:
                return await FinishAsync(context, input, new GenerationOutcome(GenerationPhase.Cancelled, taskId, [],
                    GenerationErrorCodes.RunwayTaskCancelled, "The Runway task was cancelled outside RunwayRelay."));
        }

        // THROTTLED, PENDING, RUNNING, unknown statuses and transient read errors all mean: keep waiting.
        var next = checkpoint with
        {
            PollCount = checkpoint.PollCount + 1,
            LastRunwayStatus = snapshot.Status ?? checkpoint.LastRunwayStatus,
            LastProgress = snapshot.Progress ?? checkpoint.LastProgress,
        };
        if (cancel.IsCompleted)
        {
            return await CancelOnRequestAsync(context, input, taskId);
        }
        if (context.CurrentUtcDateTime >= deadline)
        {
            log.LogWarning("Generation {GenerationId}: deadline passed with Runway task {RunwayTaskId} {Status}; cancelling it",
                input.GenerationId, taskId, next.LastRunwayStatus);
            await TryCancelRunwayTaskAsync(context, taskId);
            return await FinishAsync(context, input, new GenerationOutcome(GenerationPhase.TimedOut, taskId, [], GenerationErrorCodes.TimedOut,
                $"Runway did not finish within {input.Polling.Timeout} (last status {next.LastRunwayStatus ?? "unknown"}); the Runway task was cancelled."));
        }

        SetStatus(context, PhaseOf(next.LastRunwayStatus), taskId, next.LastRunwayStatus, next.LastProgress);
        context.ContinueAsNew(input with { Checkpoint = next });
        return null!;
    }

    private static async Task<GenerationOutcome> CancelOnRequestAsync(TaskOrchestrationContext context, GenerationInput input, string taskId)
    {
        context.CreateReplaySafeLogger<GenerateVideoOrchestrator>().LogInformation("Generation {GenerationId}: cancel requested", input.GenerationId);
        await TryCancelRunwayTaskAsync(context, taskId);
        return await FinishAsync(context, input, new GenerationOutcome(GenerationPhase.Cancelled, taskId, [],
            GenerationErrorCodes.Cancelled, "The generation was cancelled on request; the Runway task was cancelled."));
    }

    private static async Task<GenerationOutcome> CopyAsync(TaskOrchestrationContext context, GenerationInput input, string taskId)
    {
        SetStatus(context, GenerationPhase.Copying, taskId, RunwayTaskStatus.Succeeded, 1);
        try
        {
            var videos = await context.CallActivityAsync<IReadOnlyList<StoredVideo>>(GenerationTasks.CopyOutputs,
                new CopyOutputsInput(input.GenerationId, taskId, input.Request.Model, PromptSha256(input.Request.PromptText), input.OutputBlobName),
                CopyRetry);
            return new GenerationOutcome(GenerationPhase.Succeeded, taskId, videos);
        }
        catch (TaskFailedException e)
        {
            return Failed(taskId, GenerationErrorCodes.CopyFailed,
                $"Runway finished task {taskId}, but copying its output to Blob Storage failed: {e.FailureDetails.ErrorMessage} " +
                "Runway keeps the output for about a day; the copy can be retried by starting a new generation only at extra cost.");
        }
    }

    private static async Task TryCancelRunwayTaskAsync(TaskOrchestrationContext context, string taskId)
    {
        try
        {
            await context.CallActivityAsync<bool>(GenerationTasks.CancelRunwayTask, taskId, CancelRetry);
        }
        catch (TaskFailedException)
        {
            // The generation still ends; the outcome message says the task was asked to stop.
        }
    }

    private static async Task<GenerationOutcome> FinishAsync(TaskOrchestrationContext context, GenerationInput input, GenerationOutcome outcome)
    {
        SetStatus(context, outcome.Status, outcome.RunwayTaskId, null, null, outcome);
        if (input.CallbackUrl is { } url)
        {
            var notice = new CompletionNotice(input.GenerationId, outcome.Status, outcome.RunwayTaskId, outcome.Videos,
                outcome.ErrorCode, outcome.ErrorMessage, new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero));
            try
            {
                await context.CallActivityAsync<CallbackResult>(GenerationTasks.SendCallback, new SendCallbackInput(url, notice), CallbackRetry);
            }
            catch (TaskFailedException)
            {
                // A callback that cannot be delivered does not change what happened to the generation.
            }
        }
        return outcome;
    }

    private static string PhaseOf(string? runwayStatus) =>
        runwayStatus == RunwayTaskStatus.Running ? GenerationPhase.Running : GenerationPhase.Queued;

    private static GenerationOutcome Failed(string? taskId, string code, string message) =>
        new(GenerationPhase.Failed, taskId, [], code, message);

    private static void SetStatus(TaskOrchestrationContext context, string phase, string? taskId, string? runwayStatus, double? progress,
        GenerationOutcome? outcome = null) =>
        context.SetCustomStatus(new GenerationProgress(phase, taskId, runwayStatus, progress, new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero), outcome));

    /// <summary>Identifies the prompt in blob metadata without storing it.</summary>
    internal static string PromptSha256(string? prompt) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(prompt ?? "")));
}
