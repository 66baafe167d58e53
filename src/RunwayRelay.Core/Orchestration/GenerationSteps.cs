using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using RunwayRelay.Callbacks;
using RunwayRelay.Generations;
using RunwayRelay.Runway;
using RunwayRelay.Telemetry;

namespace RunwayRelay.Orchestration;

/// <summary>
/// The steps <see cref="GenerateVideoOrchestrator"/> is made of, for one execution. Everything here is replay-safe:
/// time comes from the context, logs from the replay-safe logger, and all I/O from activities.
/// </summary>
internal sealed class GenerationSteps(TaskOrchestrationContext context, GenerationInput input)
{
    private Task<object?>? _cancel;

    /// <summary>Where the generation is: carried over from the previous execution, or set by <see cref="SubmitAsync"/>.</summary>
    private GenerationCheckpoint? _checkpoint = input.Checkpoint;

    private GenerationCheckpoint Checkpoint => _checkpoint ?? throw new InvalidOperationException("The generation has not been submitted.");

    private DateTime Deadline => input.AcceptedAt.UtcDateTime + input.Polling.Timeout;

    private DateTimeOffset Now => new(context.CurrentUtcDateTime, TimeSpan.Zero);

    /// <summary>
    /// Step 1, first execution only: checks the key, then submits once. Returns the outcome when either refuses or
    /// fails, null when Runway has the task; later executions carry the checkpoint and skip it.
    /// </summary>
    public async Task<GenerationOutcome?> SubmitAsync()
    {
        if (_checkpoint is not null)
        {
            return null;
        }
        SetStatus(GenerationPhase.Accepted, null, null, null);
        var submission = await SubmitOnceAsync();
        if (submission is NotSubmitted refused)
        {
            // The estimate and the reset time stay on the outcome: the caller is told what was refused and until when.
            return Failed(null, refused.ErrorCode, refused.ErrorMessage) with { ResetsAt = refused.ResetsAt };
        }
        var submitted = (Submitted)submission;
        context.CreateReplaySafeLogger<GenerateVideoOrchestrator>().GenerationSubmitted(input.GenerationId, submitted.RunwayTaskId);
        _checkpoint = new GenerationCheckpoint(submitted.RunwayTaskId, 0, null, null) { Prior = submitted.Prior };
        return null;
    }

    /// <summary>
    /// Step 2: waits for the poll timer, sending the asked-for progress events meanwhile. Returns the outcome when a
    /// cancel request comes first, null when it is time to poll.
    /// </summary>
    public async Task<GenerationOutcome?> WaitAsync()
    {
        ShowProgress();
        Task cancelRequested = CancelRequested();
        var notified = NotifyProgressAsync(Checkpoint);
        bool polled = await WaitForPollAsync(Checkpoint, cancelRequested);
        _checkpoint = await notified;
        return polled ? null : await CancelAsync();
    }

    /// <summary>
    /// Step 3: one status read. Returns the outcome of an end state (after copying the outputs of a success), or of a
    /// cancel that came during the read, or of the deadline; null while the task is still going.
    /// </summary>
    public async Task<GenerationOutcome?> PollAsync()
    {
        var snapshot = await ReadAsync(Checkpoint);
        if (await EndOfAsync(Checkpoint, snapshot) is { } ended)
        {
            return ended;
        }
        _checkpoint = PollingPlan.Advance(Checkpoint, snapshot, Now);
        if (CancelRequested().IsCompleted)
        {
            return await CancelAsync();
        }
        // After the read, so a task that finished at the deadline is still copied.
        return context.CurrentUtcDateTime >= Deadline ? await TimeOutAsync() : null;
    }

    /// <summary>Polls again in a fresh execution, so the history never holds more than one poll.</summary>
    public void ContinueAsNew()
    {
        ShowProgress();
        // The next execution has no history yet, so it may finish the way this version does.
        context.ContinueAsNew(input.WithoutLegacyRequest() with { Checkpoint = Checkpoint, ReleaseStartsCallback = true });
    }

    /// <summary>A submission failure of either activity is a <see cref="NotSubmitted"/>, whose outcome is returned.</summary>
    private async Task<SubmissionResult> SubmitOnceAsync()
    {
        ApiKeyCheck key;
        try
        {
            key = await context.CallActivityAsync<ApiKeyCheck>(GenerationTasks.EnsureApiKey, input.GenerationId, GenerationRetryPolicies.EnsureApiKey);
        }
        catch (TaskFailedException e)
        {
            key = new ApiKeyUnavailable($"Reading the Runway API key failed: {e.FailureDetails.ErrorMessage}");
        }
        if (key is ApiKeyUnavailable unavailable)
        {
            return new NotSubmitted(GenerationErrorCodes.ApiKeyUnavailable, unavailable.Error);
        }
        try
        {
            return await context.CallActivityAsync<SubmissionResult>(GenerationTasks.SubmitGeneration,
                new SubmitGenerationInput(input.GenerationId, input.Request));
        }
        catch (TaskFailedException e)
        {
            return new NotSubmitted(GenerationErrorCodes.SubmissionError,
                $"Submitting to Runway failed: {e.FailureDetails.ErrorMessage} A task may have been created; check the Runway dashboard before submitting again.");
        }
    }

    /// <summary>A new execution starts with no custom status; restore it so status readers see progress while we wait.</summary>
    private void ShowProgress()
    {
        var checkpoint = Checkpoint;
        var phase = checkpoint.PollCount == 0 ? GenerationPhase.Submitted
            : checkpoint.LastRunwayStatus == RunwayTaskStatus.Running ? GenerationPhase.Running
            : GenerationPhase.Queued;
        SetStatus(phase, checkpoint.RunwayTaskId, checkpoint.LastRunwayStatus, checkpoint.LastProgress);
    }

    /// <summary>
    /// The cancel request, waited for once per execution and never cancelled: in Microsoft.DurableTask a cancelled wait
    /// still takes the next event of its name, so a DELETE arriving during a poll was lost (durabletask-dotnet#508).
    /// Left open, it receives that event, and it is checked again before ContinueAsNew.
    /// </summary>
    private Task CancelRequested() => _cancel ??= context.WaitForExternalEvent<object?>(GenerationEvents.Cancel);

    /// <summary>True when the poll timer fired; false when a cancel request came first.</summary>
    private async Task<bool> WaitForPollAsync(GenerationCheckpoint checkpoint, Task cancelRequested)
    {
        DateTime now = context.CurrentUtcDateTime;
        DateTime fireAt = PollingPlan.NextPollAt(input.Polling, checkpoint, new DateTimeOffset(now, TimeSpan.Zero)).UtcDateTime;
        if (fireAt > Deadline)
        {
            fireAt = Deadline > now ? Deadline : now;
        }
        using var cts = new CancellationTokenSource();
        Task timer = context.CreateTimer(fireAt, cts.Token);
        if (await Task.WhenAny(timer, cancelRequested) == timer)
        {
            return true;
        }
        // No timer outlives this execution.
        cts.Cancel();
        return false;
    }

    /// <summary>
    /// The asked-for <c>generation.running</c> (once) or <c>generation.progress</c> (at most every progress interval) event
    /// while Runway runs the task: best effort, one attempt, its failure ignored, and started beside the poll timer so it
    /// does not hold the next poll back. Returns the checkpoint that remembers what was sent.
    /// </summary>
    private async Task<GenerationCheckpoint> NotifyProgressAsync(GenerationCheckpoint checkpoint)
    {
        if (input.CallbackEvents is not { } events || checkpoint.LastRunwayStatus != RunwayTaskStatus.Running)
        {
            return checkpoint;
        }
        var now = Now;
        (string Type, int Sequence)? due = null;
        if (events.Running && !checkpoint.RunningNotified)
        {
            due = (CallbackEventTypes.Running, 0);
            checkpoint = checkpoint with { RunningNotified = true };
        }
        else if (events.Progress && checkpoint.LastProgress is not null
            && (checkpoint.ProgressNotifiedAt is not { } last || now - last >= events.ProgressInterval))
        {
            due = (CallbackEventTypes.Progress, checkpoint.PollCount);
            checkpoint = checkpoint with { ProgressNotifiedAt = now };
        }
        if (due is not var (type, sequence))
        {
            return checkpoint;
        }
        try
        {
            await context.CallActivityAsync<CallbackAttemptResult>(GenerationTasks.DeliverCallback, new DeliverCallbackInput(input.GenerationId,
                WebhookIds.For(input.GenerationId, type, sequence), type, now,
                Progress: new ProgressNotice(input.GenerationId, GenerationPhase.Running, checkpoint.RunwayTaskId, checkpoint.LastProgress)));
        }
        catch (TaskFailedException e)
        {
            context.CreateReplaySafeLogger<GenerateVideoOrchestrator>().ProgressCallbackFailed(input.GenerationId, type, e.FailureDetails.ErrorType);
        }
        return checkpoint;
    }

    private async Task<RunwayTaskSnapshot> ReadAsync(GenerationCheckpoint checkpoint)
    {
        try
        {
            // The floor counts from the previous answer; the activity holds it if the timer fired early.
            var notBefore = checkpoint.LastPolledAt + input.Polling.Interval;
            return await context.CallActivityAsync<RunwayTaskSnapshot>(GenerationTasks.ReadRunwayTask,
                new ReadRunwayTaskInput(checkpoint.RunwayTaskId, notBefore) { TraceParent = input.TraceParent }, GenerationRetryPolicies.ReadTask);
        }
        catch (TaskFailedException e)
        {
            // Reading is harmless to repeat: an unexpected failure is treated like a transient one until the deadline.
            return new TaskUnreadable(e.FailureDetails.ErrorMessage);
        }
    }

    /// <summary>The outcome when <paramref name="snapshot"/> is an end state (after copying the outputs of a success); null to keep waiting.</summary>
    private async Task<GenerationOutcome?> EndOfAsync(GenerationCheckpoint checkpoint, RunwayTaskSnapshot snapshot)
    {
        string taskId = checkpoint.RunwayTaskId;
        if (snapshot is TaskObserved { Status: var status } && RunwayTaskStatus.IsTerminal(status) && !context.IsReplaying)
        {
            var timed = PollingPlan.Timed(checkpoint, snapshot, snapshot.ReadAt ?? Now);
            RunwayRelayMetrics.RecordPhase(TimedPhase.Queued, TimeSpan.FromSeconds(timed.QueuedSeconds));
            RunwayRelayMetrics.RecordPhase(TimedPhase.Throttled, TimeSpan.FromSeconds(timed.ThrottledSeconds));
            RunwayRelayMetrics.RecordPhase(TimedPhase.Running, TimeSpan.FromSeconds(timed.RunningSeconds));
        }
        var ended = snapshot switch
        {
            TaskLost lost => Failed(taskId, lost.ErrorCode, lost.ErrorMessage),
            TaskObserved succeeded when succeeded.Status == RunwayTaskStatus.Succeeded =>
                await CopyAsync(taskId, PollingPlan.RunTimeOf(input.Polling, checkpoint, succeeded, succeeded.ReadAt ?? Now)),
            TaskObserved failed when failed.Status == RunwayTaskStatus.Failed => Failed(taskId, failed.FailureCode ?? GenerationErrorCodes.RunwayTaskFailed,
                $"Runway could not generate the video: {failed.Failure ?? "no reason given"}" +
                (failed.FailureCode is null ? "" : $" (failure code {failed.FailureCode})")),
            TaskObserved cancelled when cancelled.Status == RunwayTaskStatus.Cancelled => new GenerationOutcome(GenerationPhase.Cancelled, taskId, [],
                GenerationErrorCodes.RunwayTaskCancelled, "The Runway task was cancelled outside RunwayRelay."),
            // THROTTLED, PENDING, RUNNING, unknown statuses and transient read errors all mean: keep waiting.
            _ => null,
        };
        return ended is null ? null : ended with
        {
            CreditsSpent = snapshot is TaskObserved { CostCredits: { } cost } ? (long)Math.Ceiling(cost) : null,
        };
    }

    private async Task<GenerationOutcome> CancelAsync()
    {
        var checkpoint = Checkpoint;
        context.CreateReplaySafeLogger<GenerateVideoOrchestrator>().CancelRequested(input.GenerationId);
        await TryCancelRunwayTaskAsync(checkpoint.RunwayTaskId);
        return new GenerationOutcome(GenerationPhase.Cancelled, checkpoint.RunwayTaskId, [],
            GenerationErrorCodes.Cancelled, "The generation was cancelled on request; the Runway task was cancelled.");
    }

    private async Task<GenerationOutcome> TimeOutAsync()
    {
        var checkpoint = Checkpoint;
        context.CreateReplaySafeLogger<GenerateVideoOrchestrator>().DeadlinePassed(input.GenerationId, checkpoint.RunwayTaskId, checkpoint.LastRunwayStatus);
        await TryCancelRunwayTaskAsync(checkpoint.RunwayTaskId);
        return new GenerationOutcome(GenerationPhase.TimedOut, checkpoint.RunwayTaskId, [], GenerationErrorCodes.TimedOut,
            $"Runway did not finish within {input.Polling.Timeout} (last status {checkpoint.LastRunwayStatus?.ToString() ?? "unknown"}); the Runway task was cancelled.");
    }

    /// <summary>
    /// Publishes the outcome, starts the callback's delivery (an orchestration of its own, so this one completes with the
    /// outcome now and the delivery never changes it), then deletes the payload and frees the name reservation: all in
    /// the release activity, or in two activities in an execution an earlier version started.
    /// </summary>
    public async Task<GenerationOutcome> FinishAsync(GenerationOutcome outcome)
    {
        // Every ending (refused, failed, cancelled, timed out, succeeded) reports what the request was estimated to cost.
        outcome = outcome with { EstimatedCredits = outcome.EstimatedCredits ?? input.EstimatedCredits };
        if (!context.IsReplaying)
        {
            // Reached live once: every later execution of this code is a replay.
            RunwayRelayMetrics.GenerationsEnded.Add(1, new TagList
            {
                { RunwayRelayTelemetry.OutcomeTag, outcome.Status.ToString() },
                { RunwayRelayTelemetry.ErrorCodeTag, outcome.ErrorCode },
                { RunwayRelayTelemetry.ModelTag, input.WithoutLegacyRequest().Model },
            });
        }
        // One line per generation with its outcome: what "which generations failed and why" is asked of (docs/operations.md).
        var log = context.CreateReplaySafeLogger<GenerateVideoOrchestrator>();
        if (outcome.Status == GenerationPhase.Succeeded)
        {
            log.GenerationSucceeded(input.GenerationId, outcome.RunwayTaskId, outcome.Videos.Count);
        }
        else
        {
            log.GenerationEnded(input.GenerationId, outcome.Status, outcome.ErrorCode, outcome.RunwayTaskId, outcome.ErrorMessage);
        }
        SetStatus(outcome.Status, outcome.RunwayTaskId, null, null, outcome);
        var notice = input.HasCallback || input.CallbackUrl is not null ? CompletionNotice.For(input.GenerationId, outcome, Now) : null;
        var release = new ReleaseGenerationInput(input.GenerationId, input.OutputBlobName) { TraceParent = input.TraceParent };
        if (input.ReleaseStartsCallback)
        {
            await TryAsync(GenerationTasks.ReleaseGeneration, release with { Notice = notice, LegacyCallbackUrl = input.CallbackUrl },
                notice is null ? GenerationRetryPolicies.Release : GenerationRetryPolicies.StartCallbackDelivery);
            return outcome;
        }
        // An execution an earlier version started: the same two activities as it recorded.
        if (notice is not null)
        {
            await TryAsync(GenerationTasks.StartCallbackDelivery, new StartCallbackDeliveryInput(input.GenerationId, notice, input.CallbackUrl)
                { TraceParent = input.TraceParent },
                GenerationRetryPolicies.StartCallbackDelivery);
        }
        await TryAsync(GenerationTasks.ReleaseGeneration, release, GenerationRetryPolicies.Release);
        return outcome;
    }

    private GenerationOutcome Failed(string? taskId, string code, string message) => new(GenerationPhase.Failed, taskId, [], code, message);

    private async Task<GenerationOutcome> CopyAsync(string taskId, RunTimeSample? runTime)
    {
        SetStatus(GenerationPhase.Copying, taskId, RunwayTaskStatus.Succeeded, 1);
        var current = input.WithoutLegacyRequest();
        try
        {
            var videos = await context.CallActivityAsync<IReadOnlyList<StoredVideo>>(GenerationTasks.CopyOutputs,
                new CopyOutputsInput(input.GenerationId, taskId, current.Model ?? "", current.PromptSha256 ?? PromptHash.Of(null), input.OutputBlobName)
                    { TraceParent = input.TraceParent, RunTime = runTime },
                GenerationRetryPolicies.Copy);
            return new GenerationOutcome(GenerationPhase.Succeeded, taskId, videos);
        }
        catch (TaskFailedException e)
        {
            return Failed(taskId, GenerationErrorCodes.CopyFailed,
                $"Runway finished task {taskId}, but copying its output to Blob Storage failed: {e.FailureDetails.ErrorMessage} " +
                "Runway keeps the output for about a day; the copy can be retried by starting a new generation only at extra cost.");
        }
    }

    private Task TryCancelRunwayTaskAsync(string taskId) => TryAsync(GenerationTasks.CancelRunwayTask, taskId, GenerationRetryPolicies.Cancel);

    /// <summary>Steps whose failure does not change what happened to the generation (cancel, callback, clean-up).</summary>
    private async Task TryAsync(string activity, object activityInput, TaskOptions retry)
    {
        try
        {
            await context.CallActivityAsync(activity, activityInput, retry);
        }
        catch (TaskFailedException e)
        {
            context.CreateReplaySafeLogger<GenerateVideoOrchestrator>().StepFailed(input.GenerationId, activity, e.FailureDetails.ErrorMessage);
        }
    }

    private void SetStatus(GenerationPhase phase, string? taskId, RunwayTaskStatus? runwayStatus, double? progress, GenerationOutcome? outcome = null) =>
        context.SetCustomStatus(new GenerationProgress(phase, taskId, runwayStatus, progress, Now, outcome));
}
