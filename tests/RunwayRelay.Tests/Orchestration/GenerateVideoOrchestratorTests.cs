
namespace RunwayRelay.Tests.Orchestration;

public sealed class GenerateVideoOrchestratorTests
{
    [Fact]
    public async Task RunAsync_TaskSucceeds_CopiesOutputsAndEndsSucceeded()
    {
        var h = new OrchestratorHarness();
        h.Reads.Enqueue(new TaskObserved(RunwayTaskStatus.Running, 0.4));
        h.Reads.Enqueue(new TaskObserved(RunwayTaskStatus.Succeeded, 1));

        var outcome = await h.RunToEndAsync(new GenerationInputBuilder().Build());

        Assert.Equal(GenerationPhase.Succeeded, outcome.Status);
        Assert.Equal("task-1", outcome.RunwayTaskId);
        var video = Assert.Single(outcome.Videos);
        Assert.Equal("out.mp4", video.Name);
        Assert.Null(outcome.ErrorCode);
        Assert.Equal(1, h.CountCalls(GenerationTasks.SubmitGeneration));
        var copy = Assert.Single(h.Calls, c => c.Name == GenerationTasks.CopyOutputs);
        var copyInput = Assert.IsType<CopyOutputsInput>(copy.Input);
        Assert.Equal("gen-1.mp4", copyInput.OutputBlobName);
        Assert.Equal("gen4.5", copyInput.Model);
        Assert.Equal(PromptHash.Of("a red fox in snow"), copyInput.PromptSha256);
        Assert.DoesNotContain("fox", copyInput.PromptSha256, StringComparison.Ordinal);
        Assert.NotNull(copy.Options?.Retry);
        Assert.Equal(GenerationPhase.Succeeded, h.Statuses[^1].Phase);
        Assert.Contains(h.Statuses, s => s.Phase == GenerationPhase.Running && s.Progress == 0.4 && s.RunwayStatus == RunwayTaskStatus.Running);
    }

    [Fact]
    public async Task RunAsync_SubmitActivity_IsCalledWithoutRetryPolicy()
    {
        var h = new OrchestratorHarness();
        h.Reads.Enqueue(new TaskObserved(RunwayTaskStatus.Succeeded, 1));

        await h.RunToEndAsync(new GenerationInputBuilder().Build());

        var submit = Assert.Single(h.Calls, c => c.Name == GenerationTasks.SubmitGeneration);
        Assert.Null(submit.Options?.Retry);
        var submitInput = Assert.IsType<SubmitGenerationInput>(submit.Input);
        Assert.Equal("gen-1", submitInput.GenerationId);
    }

    [Fact]
    public async Task RunAsync_ThrottledThenSucceeded_WaitsQueuedThenSucceeds()
    {
        var h = new OrchestratorHarness();
        h.Reads.Enqueue(new TaskObserved(RunwayTaskStatus.Throttled));
        h.Reads.Enqueue(new TaskObserved(RunwayTaskStatus.Pending));
        h.Reads.Enqueue(new TaskObserved("SOMETHING_NEW"));
        h.Reads.Enqueue(new TaskObserved(RunwayTaskStatus.Succeeded, 1));

        var outcome = await h.RunToEndAsync(new GenerationInputBuilder().Build());

        Assert.Equal(GenerationPhase.Succeeded, outcome.Status);
        Assert.Equal(4, h.CountCalls(GenerationTasks.ReadRunwayTask));
        Assert.Contains(h.Statuses, s => s.Phase == GenerationPhase.Queued && s.RunwayStatus == RunwayTaskStatus.Throttled);
        Assert.Equal(0, h.CountCalls(GenerationTasks.CancelRunwayTask));
    }

    [Fact]
    public async Task RunAsync_RunwayFailedWithCode_EndsFailedWithRunwayCode()
    {
        var h = new OrchestratorHarness();
        h.Reads.Enqueue(new TaskObserved(RunwayTaskStatus.Failed, Failure: "An input was flagged.", FailureCode: "SAFETY.INPUT.TEXT"));

        var outcome = await h.RunToEndAsync(new GenerationInputBuilder().Build());

        Assert.Equal(GenerationPhase.Failed, outcome.Status);
        Assert.Equal("SAFETY.INPUT.TEXT", outcome.ErrorCode);
        Assert.Contains("An input was flagged.", outcome.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, h.CountCalls(GenerationTasks.CopyOutputs));
        Assert.Empty(outcome.Videos);
    }

    [Fact]
    public async Task RunAsync_RunwayCancelled_EndsCancelled()
    {
        var h = new OrchestratorHarness();
        h.Reads.Enqueue(new TaskObserved(RunwayTaskStatus.Cancelled));

        var outcome = await h.RunToEndAsync(new GenerationInputBuilder().Build());

        Assert.Equal(GenerationPhase.Cancelled, outcome.Status);
        Assert.Equal(GenerationErrorCodes.RunwayTaskCancelled, outcome.ErrorCode);
    }

    [Fact]
    public async Task RunAsync_DeadlineReached_CancelsRunwayTaskAndEndsTimedOut()
    {
        var h = new OrchestratorHarness();
        var input = new GenerationInputBuilder().WithPolling(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(40)).Build();

        var outcome = await h.RunToEndAsync(input);

        Assert.Equal(GenerationPhase.TimedOut, outcome.Status);
        Assert.Equal(GenerationErrorCodes.TimedOut, outcome.ErrorCode);
        var cancel = Assert.Single(h.Calls, c => c.Name == GenerationTasks.CancelRunwayTask);
        Assert.Equal("task-1", cancel.Input);
        // The last timer is clipped to the deadline, never past it.
        var deadline = OrchestratorHarness.Start.AddSeconds(40);
        Assert.Equal(deadline, h.TimerFireTimes[^1]);
        Assert.All(h.TimerFireTimes, t => Assert.True(t <= deadline));
        Assert.Equal(GenerationPhase.TimedOut, h.Statuses[^1].Phase);
    }

    [Theory]
    [InlineData(GenerationPhase.Cancelled)]
    [InlineData(GenerationPhase.TimedOut)]
    public async Task RunAsync_CancelledOrTimedOut_OutcomeCarriesTheEstimate(GenerationPhase ending)
    {
        var h = new OrchestratorHarness { CancelOnExecution = ending == GenerationPhase.Cancelled ? 2 : null };
        var builder = new GenerationInputBuilder();
        if (ending == GenerationPhase.TimedOut)
        {
            builder.WithPolling(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(40));
        }
        var input = builder.Build() with { EstimatedCredits = 60 };

        var outcome = await h.RunToEndAsync(input);

        Assert.Equal(ending, outcome.Status);
        Assert.Equal(60, outcome.EstimatedCredits);
    }

    [Fact]
    public async Task RunAsync_SucceededAtDeadline_CopiesInsteadOfCancelling()
    {
        var h = new OrchestratorHarness();
        var input = new GenerationInputBuilder().WithPolling(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)).Build();
        h.Reads.Enqueue(new TaskObserved(RunwayTaskStatus.Succeeded, 1));

        var outcome = await h.RunToEndAsync(input);

        Assert.Equal(GenerationPhase.Succeeded, outcome.Status);
        Assert.Equal(0, h.CountCalls(GenerationTasks.CancelRunwayTask));
    }

    [Fact]
    public async Task RunAsync_CancelEventWhileWaiting_CancelsRunwayTaskAndEndsCancelled()
    {
        var h = new OrchestratorHarness { CancelOnExecution = 2 };

        var outcome = await h.RunToEndAsync(new GenerationInputBuilder().Build());

        Assert.Equal(GenerationPhase.Cancelled, outcome.Status);
        Assert.Equal(GenerationErrorCodes.Cancelled, outcome.ErrorCode);
        Assert.Equal("task-1", outcome.RunwayTaskId);
        Assert.Equal(1, h.CountCalls(GenerationTasks.CancelRunwayTask));
        Assert.Equal(2, h.CountCalls(GenerationTasks.ReadRunwayTask));
        Assert.Equal(0, h.CountCalls(GenerationTasks.CopyOutputs));
    }

    [Fact]
    public async Task RunAsync_CancelEventDuringPoll_CancelsInsteadOfContinuing()
    {
        var h = new OrchestratorHarness { CancelDuringReadOnExecution = 1 };

        var outcome = await h.RunToEndAsync(new GenerationInputBuilder().Build());

        Assert.Equal(GenerationPhase.Cancelled, outcome.Status);
        Assert.Equal(GenerationErrorCodes.Cancelled, outcome.ErrorCode);
        Assert.Equal(1, h.CountCalls(GenerationTasks.CancelRunwayTask));
        Assert.Equal(2, h.CountCalls(GenerationTasks.ReadRunwayTask));
        Assert.Single(h.ContinuedWith);
    }

    [Fact]
    public async Task RunAsync_PollTimerWins_NeverCancelsTheCancelWait()
    {
        // A cancelled wait would still take the next cancel event in Microsoft.DurableTask (durabletask-dotnet#508).
        var h = new OrchestratorHarness();
        h.Reads.Enqueue(new TaskObserved(RunwayTaskStatus.Running, 0.25));
        h.Reads.Enqueue(new TaskObserved(RunwayTaskStatus.Succeeded, 1));

        await h.RunToEndAsync(new GenerationInputBuilder().Build());

        Assert.Equal(2, h.CancelWaitTokens.Count);
        Assert.All(h.CancelWaitTokens, t => Assert.False(t.CanBeCanceled));
    }

    [Fact]
    public async Task RunAsync_StillRunning_ContinuesAsNewWithCheckpoint()
    {
        var h = new OrchestratorHarness();
        h.Reads.Enqueue(new TaskObserved(RunwayTaskStatus.Running, 0.25));
        h.Reads.Enqueue(new TaskUnreadable("timeout"));
        h.Reads.Enqueue(new TaskObserved(RunwayTaskStatus.Succeeded, 1));
        var input = new GenerationInputBuilder().WithCallback(new Uri("https://hooks.example.com/done")).Build();

        await h.RunToEndAsync(input);

        Assert.Equal(2, h.ContinuedWith.Count);
        var first = h.ContinuedWith[0];
        var firstPoll = new DateTimeOffset(OrchestratorHarness.Start.AddSeconds(5));
        Assert.Equal(new GenerationCheckpoint("task-1", 1, RunwayTaskStatus.Running, 0.25)
        {
            LastPolledAt = firstPoll, FirstProgress = 0.25, FirstProgressAt = firstPoll, ProgressAt = firstPoll,
        }, first.Checkpoint);
        // Everything else is carried unchanged (the next execution, with no history yet, finishes the way this version
        // does), and a transient error keeps the last known status and progress samples.
        Assert.Equal(input with { Checkpoint = first.Checkpoint, ReleaseStartsCallback = true }, first);
        var second = h.ContinuedWith[1].Checkpoint!;
        // The 5 s between the two answers count as running, the status the first one saw.
        Assert.Equal(first.Checkpoint! with { PollCount = 2, LastPolledAt = second.LastPolledAt, UninformativePolls = 1, RunningSeconds = 5 }, second);
        Assert.True(second.LastPolledAt > firstPoll);
        // The key check and the submission happen in the first execution only.
        Assert.Equal(1, h.CountCalls(GenerationTasks.EnsureApiKey));
        Assert.Equal(1, h.CountCalls(GenerationTasks.SubmitGeneration));
    }

    [Fact]
    public async Task RunAsync_QueuedPollTimers_FollowGrowingScheduleCappedAtMax()
    {
        var h = new OrchestratorHarness();
        for (int i = 0; i < 7; i++)
        {
            h.Reads.Enqueue(new TaskObserved(RunwayTaskStatus.Pending));
        }
        h.Reads.Enqueue(new TaskObserved(RunwayTaskStatus.Succeeded, 1));

        await h.RunToEndAsync(new GenerationInputBuilder().Build());

        // Nothing to predict while queued: the floor first (status news), then ×1.5 per poll that brought nothing new.
        var gaps = h.TimerFireTimes.Zip(h.TimerFireTimes.Prepend(OrchestratorHarness.Start)).Select(p => p.First - p.Second).ToArray();
        double[] expectedSeconds = [5, 5, 7.5, 11.25, 16.875, 25.3125, 30, 30];
        Assert.Equal(expectedSeconds, gaps.Select(g => g.TotalSeconds));
    }

    [Fact]
    public async Task RunAsync_SubmissionRejected_EndsFailedWithoutPolling()
    {
        var h = new OrchestratorHarness { Submission = new NotSubmitted(GenerationErrorCodes.InsufficientCredits, "Not enough credits.") };

        var outcome = await h.RunToEndAsync(new GenerationInputBuilder().Build());

        Assert.Equal(GenerationPhase.Failed, outcome.Status);
        Assert.Equal(GenerationErrorCodes.InsufficientCredits, outcome.ErrorCode);
        Assert.Equal("Not enough credits.", outcome.ErrorMessage);
        Assert.Equal(0, h.CountCalls(GenerationTasks.ReadRunwayTask));
        Assert.Empty(h.TimerFireTimes);
    }

    [Fact]
    public async Task RunAsync_KeyUnavailable_EndsFailedWithoutSubmitting()
    {
        var h = new OrchestratorHarness { KeyCheck = new ApiKeyUnavailable("RUNWAYML_API_SECRET is not set.") };

        var outcome = await h.RunToEndAsync(new GenerationInputBuilder().Build());

        Assert.Equal(GenerationErrorCodes.ApiKeyUnavailable, outcome.ErrorCode);
        Assert.Equal(0, h.CountCalls(GenerationTasks.SubmitGeneration));
    }

    [Fact]
    public async Task RunAsync_WithCallbackUrl_SendsNoticeWithOutcome()
    {
        var h = new OrchestratorHarness();
        h.Reads.Enqueue(new TaskObserved(RunwayTaskStatus.Failed, Failure: "bad", FailureCode: "INTERNAL"));
        var url = new Uri("https://hooks.example.com/done");

        var outcome = await h.RunToEndAsync(new GenerationInputBuilder().WithCallback(url).Build());

        var call = Assert.Single(h.Calls, c => c.Name == GenerationTasks.StartCallbackDelivery);
        var notice = Assert.IsType<StartCallbackDeliveryInput>(call.Input);
        // The URL (it may carry a token) stays in the payload store; the activity reads it there.
        Assert.Null(notice.LegacyCallbackUrl);
        Assert.Equal("gen-1", notice.Notice.GenerationId);
        Assert.Equal(GenerationPhase.Failed, notice.Notice.Status);
        Assert.Equal("INTERNAL", notice.Notice.ErrorCode);
        Assert.NotNull(call.Options?.Retry);
        Assert.Equal(GenerationPhase.Failed, outcome.Status);
    }

    [Fact]
    public async Task RunAsync_WithoutCallbackUrl_SendsNoCallback()
    {
        var h = new OrchestratorHarness();
        h.Reads.Enqueue(new TaskObserved(RunwayTaskStatus.Succeeded, 1));

        await h.RunToEndAsync(new GenerationInputBuilder().Build());

        Assert.Equal(0, h.CountCalls(GenerationTasks.StartCallbackDelivery));
    }

    [Fact]
    public async Task RunAsync_LegacyInputWithInlineRequest_SubmitsItThenContinuesWithoutIt()
    {
        var h = new OrchestratorHarness();
        h.Reads.Enqueue(new TaskObserved(RunwayTaskStatus.Running, 0.3));
        h.Reads.Enqueue(new TaskObserved(RunwayTaskStatus.Succeeded, 1));
        var url = new Uri("https://hooks.example.com/done?sig=abc");

        var outcome = await h.RunToEndAsync(new GenerationInputBuilder().Legacy().WithCallback(url).Build());

        Assert.Equal(GenerationPhase.Succeeded, outcome.Status);
        var submit = Assert.IsType<SubmitGenerationInput>(Assert.Single(h.Calls, c => c.Name == GenerationTasks.SubmitGeneration).Input);
        Assert.Equal(GenerationInputBuilder.Request, submit.Request);
        var continued = Assert.Single(h.ContinuedWith);
        Assert.Null(continued.Request);
        Assert.Equal("gen4.5", continued.Model);
        Assert.Equal(PromptHash.Of("a red fox in snow"), continued.PromptSha256);
        var copy = Assert.IsType<CopyOutputsInput>(Assert.Single(h.Calls, c => c.Name == GenerationTasks.CopyOutputs).Input);
        Assert.Equal("gen4.5", copy.Model);
        // A generation started before payloads moved out keeps its callback URL to the end: it is nowhere else.
        Assert.Equal(url, Assert.IsType<ReleaseGenerationInput>(Assert.Single(h.Calls, c => c.Name == GenerationTasks.ReleaseGeneration).Input).LegacyCallbackUrl);
        Assert.Equal(0, h.CountCalls(GenerationTasks.StartCallbackDelivery));
    }

    [Fact]
    public async Task RunAsync_ReleaseStartsCallback_OneActivityStartsTheDeliveryThenReleases()
    {
        var h = new OrchestratorHarness();
        h.Reads.Enqueue(new TaskObserved(RunwayTaskStatus.Failed, Failure: "bad", FailureCode: "INTERNAL"));

        await h.RunToEndAsync(new GenerationInputBuilder().WithCallback(new Uri("https://hooks.example.com/done")).Build() with { ReleaseStartsCallback = true });

        Assert.Equal(0, h.CountCalls(GenerationTasks.StartCallbackDelivery));
        var call = Assert.Single(h.Calls, c => c.Name == GenerationTasks.ReleaseGeneration);
        var release = Assert.IsType<ReleaseGenerationInput>(call.Input);
        Assert.Equal(("gen-1", "gen-1.mp4"), (release.GenerationId, release.OutputBlobName));
        Assert.Equal(("gen-1", GenerationPhase.Failed, "INTERNAL"), (release.Notice!.GenerationId, release.Notice.Status, release.Notice.ErrorCode));
        // The URL (it may carry a token) stays in the payload store; the activity reads it there.
        Assert.Null(release.LegacyCallbackUrl);
        Assert.Same(GenerationRetryPolicies.StartCallbackDelivery, call.Options);
    }

    [Fact]
    public async Task RunAsync_ReleaseStartsCallbackWithoutCallback_ReleasesWithoutNotice()
    {
        var h = new OrchestratorHarness();
        h.Reads.Enqueue(new TaskObserved(RunwayTaskStatus.Succeeded, 1));

        await h.RunToEndAsync(new GenerationInputBuilder().Build() with { ReleaseStartsCallback = true });

        var call = Assert.Single(h.Calls, c => c.Name == GenerationTasks.ReleaseGeneration);
        Assert.Equal(new ReleaseGenerationInput("gen-1", "gen-1.mp4"), call.Input);
        Assert.Same(GenerationRetryPolicies.Release, call.Options);
        Assert.Equal(0, h.CountCalls(GenerationTasks.StartCallbackDelivery));
    }

    [Theory]
    [InlineData("SUCCEEDED")]
    [InlineData("FAILED")]
    public async Task RunAsync_Ends_ReleasesPayloadAndNameOnceAfterTheCallback(string status)
    {
        var h = new OrchestratorHarness();
        h.Reads.Enqueue(new TaskObserved(status, 1));

        await h.RunToEndAsync(new GenerationInputBuilder().WithCallback(new Uri("https://hooks.example.com/done")).Build());

        var release = Assert.Single(h.Calls, c => c.Name == GenerationTasks.ReleaseGeneration);
        Assert.Equal(new ReleaseGenerationInput("gen-1", "gen-1.mp4"), release.Input);
        Assert.True(h.Calls.FindIndex(c => c.Name == GenerationTasks.StartCallbackDelivery) < h.Calls.IndexOf(release), "released after the delivery copied its URL");
    }

    [Theory]
    [InlineData("gen-1.mp4", 0, "gen-1.mp4")]
    [InlineData("gen-1.mp4", 1, "gen-1-1.mp4")]
    [InlineData("folder.v2/clip", 2, "folder.v2/clip-2")]
    [InlineData("a/b/c.final.mp4", 2, "a/b/c.final-2.mp4")]
    public void OutputNames_For_AddsIndexBeforeExtension(string baseName, int index, string expected) =>
        Assert.Equal(expected, OutputNames.For(baseName, index));

    [Fact]
    public async Task RunAsync_CopyActivityFailsAfterRetries_EndsFailedWithCopyCode()
    {
        var h = new OrchestratorHarness();
        h.FailNext.Add(GenerationTasks.CopyOutputs);
        h.Reads.Enqueue(new TaskObserved(RunwayTaskStatus.Succeeded, 1));

        var outcome = await h.RunToEndAsync(new GenerationInputBuilder().Build());

        Assert.Equal(GenerationPhase.Failed, outcome.Status);
        Assert.Equal(GenerationErrorCodes.CopyFailed, outcome.ErrorCode);
        Assert.Equal("task-1", outcome.RunwayTaskId);
        Assert.Contains("disk on fire", outcome.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SubmitActivityThrows_EndsFailedWithoutRetrying()
    {
        var h = new OrchestratorHarness();
        h.FailNext.Add(GenerationTasks.SubmitGeneration);

        var outcome = await h.RunToEndAsync(new GenerationInputBuilder().Build());

        Assert.Equal(GenerationErrorCodes.SubmissionError, outcome.ErrorCode);
        Assert.Equal(1, h.CountCalls(GenerationTasks.SubmitGeneration));
        Assert.Equal(0, h.CountCalls(GenerationTasks.ReadRunwayTask));
    }

    /// <summary>Reading is harmless to repeat: a transient error and an activity that threw both mean "poll again".</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_ReadFails_KeepsPollingThenSucceeds(bool activityThrows)
    {
        var h = new OrchestratorHarness();
        if (activityThrows)
        {
            h.FailNext.Add(GenerationTasks.ReadRunwayTask);
        }
        else
        {
            h.Reads.Enqueue(new TaskUnreadable("503"));
        }
        h.Reads.Enqueue(new TaskObserved(RunwayTaskStatus.Succeeded, 1));

        var outcome = await h.RunToEndAsync(new GenerationInputBuilder().Build());

        Assert.Equal(GenerationPhase.Succeeded, outcome.Status);
        Assert.Equal(2, h.CountCalls(GenerationTasks.ReadRunwayTask));
    }

    /// <summary>The clean-up and the callback's start come after the outcome is decided; their failure cannot change it.</summary>
    [Theory]
    [InlineData(GenerationTasks.ReleaseGeneration, null)]
    [InlineData(GenerationTasks.StartCallbackDelivery, "https://hooks.example.com/x")]
    public async Task RunAsync_FinishingStepFails_OutcomeUnchanged(string activity, string? callbackUrl)
    {
        var h = new OrchestratorHarness();
        h.FailNext.Add(activity);
        h.Reads.Enqueue(new TaskObserved(RunwayTaskStatus.Succeeded, 1));

        var outcome = await h.RunToEndAsync(new GenerationInputBuilder().WithCallback(callbackUrl is null ? null : new Uri(callbackUrl)).Build());

        Assert.Equal(GenerationPhase.Succeeded, outcome.Status);
        Assert.Equal(1, h.CountCalls(activity));
    }
}
