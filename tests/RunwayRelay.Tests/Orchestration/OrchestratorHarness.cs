using Microsoft.Extensions.Logging;
using Moq.Protected;

namespace RunwayRelay.Tests.Orchestration;

/// <summary>
/// Drives <see cref="GenerateVideoOrchestrator"/> over a mocked <see cref="TaskOrchestrationContext"/>: timers complete at
/// once and move the clock to their fire time, ContinueAsNew inputs are captured and fed to the next execution.
/// </summary>
internal sealed class OrchestratorHarness
{
    public static readonly DateTime Start = TestClock.Start.UtcDateTime;

    public DateTime Now { get; set; } = Start;
    public List<DateTime> TimerFireTimes { get; } = [];
    public List<GenerationProgress> Statuses { get; } = [];
    public List<GenerationInput> ContinuedWith { get; } = [];
    public List<(string Name, object? Input, TaskOptions? Options)> Calls { get; } = [];
    public Queue<RunwayTaskSnapshot> Reads { get; } = new();
    public SubmissionResult Submission { get; set; } = new Submitted("task-1");
    public ApiKeyCheck KeyCheck { get; set; } = new ApiKeyAvailable("0123abcd", "RUNWAYML_API_SECRET");
    public Func<IReadOnlyList<StoredVideo>> Copy { get; set; } =
        () => [new StoredVideo("out.mp4", new Uri("http://127.0.0.1:10000/devstoreaccount1/runway-videos/out.mp4"), 1234, "video/mp4")];
    /// <summary>Activities whose next call fails as if the activity threw (after its retries).</summary>
    public HashSet<string> FailNext { get; } = [];
    /// <summary>When set, the cancel event is raised before the timer of this 0-based execution fires.</summary>
    public int? CancelOnExecution { get; set; }
    /// <summary>When set, the cancel event is raised while this 0-based execution's poll (ReadRunwayTask) runs.</summary>
    public int? CancelDuringReadOnExecution { get; set; }
    /// <summary>The token of every cancel-event wait the orchestrator started.</summary>
    public List<CancellationToken> CancelWaitTokens { get; } = [];

    private int _execution;

    /// <summary>Runs executions until one ends without ContinueAsNew; returns its outcome.</summary>
    public async Task<GenerationOutcome> RunToEndAsync(GenerationInput input, int maxExecutions = 50)
    {
        for (_execution = 0; _execution < maxExecutions; _execution++)
        {
            int continued = ContinuedWith.Count;
            var outcome = await new GenerateVideoOrchestrator().RunAsync(CreateContext().Object, input);
            if (ContinuedWith.Count == continued)
            {
                return outcome;
            }
            input = ContinuedWith[^1];
        }
        throw new InvalidOperationException($"no end after {maxExecutions} executions");
    }

    public int CountCalls(string name) => Calls.Count(c => c.Name == name);

    private Mock<TaskOrchestrationContext> CreateContext()
    {
        var ctx = new Mock<TaskOrchestrationContext> { CallBase = true };
        ctx.Protected().SetupGet<ILoggerFactory>("LoggerFactory").Returns(NullLoggerFactory.Instance);
        ctx.SetupGet(c => c.CurrentUtcDateTime).Returns(() => Now);
        ctx.SetupGet(c => c.InstanceId).Returns("gen-1");
        ctx.Setup(c => c.SetCustomStatus(It.IsAny<object?>())).Callback<object?>(s => Statuses.Add((GenerationProgress)s!));
        ctx.Setup(c => c.ContinueAsNew(It.IsAny<object?>(), It.IsAny<bool>()))
            .Callback<object?, bool>((i, _) => ContinuedWith.Add((GenerationInput)i!));

        bool cancelNow = CancelOnExecution == _execution;
        ctx.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns<DateTime, CancellationToken>((at, _) =>
            {
                TimerFireTimes.Add(at);
                if (cancelNow)
                {
                    return new TaskCompletionSource().Task; // never fires: the event wins
                }
                Now = at;
                return Task.CompletedTask;
            });
        var cancelEvent = new TaskCompletionSource<object?>();
        ctx.Setup(c => c.WaitForExternalEvent<object?>(GenerationEvents.Cancel, It.IsAny<CancellationToken>()))
            .Returns<string, CancellationToken>((_, token) =>
            {
                CancelWaitTokens.Add(token);
                return cancelNow ? Task.FromResult<object?>(null) : cancelEvent.Task;
            });
        bool cancelDuringRead = CancelDuringReadOnExecution == _execution;

        Activity(ctx, GenerationTasks.EnsureApiKey, _ => KeyCheck);
        Activity(ctx, GenerationTasks.SubmitGeneration, _ => Submission);
        Activity(ctx, GenerationTasks.ReadRunwayTask, _ =>
        {
            if (cancelDuringRead)
            {
                cancelEvent.TrySetResult(null);
            }
            return Reads.Count > 0 ? Reads.Dequeue() : new TaskObserved(RunwayTaskStatus.Running, 0.5);
        });
        Activity(ctx, GenerationTasks.CopyOutputs, _ => Copy());
        Activity<object>(ctx, GenerationTasks.CancelRunwayTask, _ => null!);
        Activity<object>(ctx, GenerationTasks.StartCallbackDelivery, _ => null!);
        Activity<object>(ctx, GenerationTasks.ReleaseGeneration, _ => null!);
        return ctx;
    }

    private void Activity<T>(Mock<TaskOrchestrationContext> ctx, string name, Func<object?, T> result) =>
        ctx.Setup(c => c.CallActivityAsync<T>(It.Is<TaskName>(n => n.Name == name), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns<TaskName, object?, TaskOptions?>((_, input, options) =>
            {
                Calls.Add((name, input, options));
                if (FailNext.Remove(name))
                {
                    return Task.FromException<T>(new TaskFailedException(name, 1,
                        new TaskFailureDetails("IOException", "disk on fire", null, null, null)));
                }
                return Task.FromResult(result(input));
            });
}
