using System.Text;
using RunwayRelay.Budget;

namespace RunwayRelay.Tests.Orchestration.Activities;

public sealed class ActivityTests
{
    private static readonly TaskActivityContext Ctx = new Mock<TaskActivityContext>().Object;
    private static readonly SubmitGenerationInput Submit = new("gen-1", new TextToVideoRequest { Model = "gen4.5", PromptText = "fox", Ratio = "1280:720", Duration = 5 });
    private readonly Mock<IRunwayClient> _runway = new();
    private readonly Mock<ISubmissionLedger> _ledger = new();
    private readonly Mock<IDailySpendStore> _spend = new();
    private readonly FakeTimeProvider _time = new(TestClock.Start);
    private readonly ModelRunTimes _runTimes = new();

    private SubmitGenerationActivity SubmitActivity(Azure.Storage.Blobs.BlobServiceClient? storage = null)
    {
        // No I/O happens on these clients unless a test passes its own: the input carries its request.
        storage ??= new Azure.Storage.Blobs.BlobServiceClient("UseDevelopmentStorage=true");
        var payloads = new GenerationPayloadStore(storage, Microsoft.Extensions.Options.Options.Create(new OutputOptions()));
        var images = new PromptImageLoader(storage, _runway.Object, NullLogger<PromptImageLoader>.Instance);
        var budget = new BudgetGuard(_runway.Object, _spend.Object, Mock.Of<Microsoft.Extensions.Options.IOptionsMonitor<BudgetOptions>>(m => m.CurrentValue == new BudgetOptions { CheckBalance = false }),
            _time, NullLogger<BudgetGuard>.Instance);
        return new(_runway.Object, _ledger.Object, payloads, images, budget, _runTimes, _time, NullLogger<SubmitGenerationActivity>.Instance);
    }

    [Fact]
    public async Task SubmitRunAsync_FirstRun_PostsOnceAndRecordsTaskId()
    {
        _ledger.Setup(l => l.TryClaimAsync("gen-1", It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync((SubmissionRecord?)null);
        _runway.Setup(r => r.CreateTaskAsync(Submit.Request!, It.IsAny<CancellationToken>())).ReturnsAsync(new RunwayTaskCreated { Id = "task-9" });

        var result = await SubmitActivity().RunAsync(Ctx, Submit);

        Assert.Equal("task-9", Assert.IsType<Submitted>(result).RunwayTaskId);
        _runway.Verify(r => r.CreateTaskAsync(It.IsAny<RunwayGenerationRequest>(), It.IsAny<CancellationToken>()), Times.Once);
        _ledger.Verify(l => l.RecordAsync(It.Is<SubmissionRecord>(s => s.State == SubmissionState.Submitted && s.RunwayTaskId == "task-9"), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task SubmitRunAsync_ReRunAfterRecordedTaskId_ReturnsItWithoutPosting()
    {
        _ledger.Setup(l => l.TryClaimAsync("gen-1", It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SubmissionRecord("gen-1", SubmissionState.Submitted, _time.GetUtcNow(), "task-9"));

        var result = await SubmitActivity().RunAsync(Ctx, Submit);

        Assert.Equal("task-9", Assert.IsType<Submitted>(result).RunwayTaskId);
        _runway.Verify(r => r.CreateTaskAsync(It.IsAny<RunwayGenerationRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task SubmitRunAsync_ReRunAfterInterruptedPost_FailsUncertainWithoutPosting()
    {
        _ledger.Setup(l => l.TryClaimAsync("gen-1", It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SubmissionRecord("gen-1", SubmissionState.Submitting, _time.GetUtcNow()));

        var result = Assert.IsType<NotSubmitted>(await SubmitActivity().RunAsync(Ctx, Submit));

        Assert.Equal(GenerationErrorCodes.SubmissionUncertain, result.ErrorCode);
        Assert.Contains("Runway dashboard", result.ErrorMessage, StringComparison.Ordinal);
        _runway.Verify(r => r.CreateTaskAsync(It.IsAny<RunwayGenerationRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task SubmitRunAsync_PayloadStoreUnreachable_NotSubmittedSaysNothingWasPosted()
    {
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        var unreachable = new Azure.Storage.Blobs.BlobServiceClient(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;",
            new Azure.Storage.Blobs.BlobClientOptions { Retry = { MaxRetries = 0 } });

        var result = Assert.IsType<NotSubmitted>(await SubmitActivity(unreachable).RunAsync(Ctx, new SubmitGenerationInput("gen-1")));

        Assert.Equal(GenerationErrorCodes.SubmissionError, result.ErrorCode);
        Assert.Contains("nothing was submitted", result.ErrorMessage, StringComparison.Ordinal);
        _ledger.Verify(l => l.TryClaimAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
        _runway.Verify(r => r.CreateTaskAsync(It.IsAny<RunwayGenerationRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData(RunwayErrorKind.InvalidRequest, GenerationErrorCodes.InvalidRequest)]
    [InlineData(RunwayErrorKind.Unauthorized, GenerationErrorCodes.Unauthorized)]
    [InlineData(RunwayErrorKind.InsufficientCredits, GenerationErrorCodes.InsufficientCredits)]
    [InlineData(RunwayErrorKind.RateLimited, GenerationErrorCodes.RateLimited)]
    [InlineData(RunwayErrorKind.Network, GenerationErrorCodes.SubmissionUncertain)]
    [InlineData(RunwayErrorKind.ServerError, GenerationErrorCodes.SubmissionUncertain)]
    public async Task SubmitRunAsync_RunwayError_ReturnsCodeAndPostsOnce(RunwayErrorKind kind, string expectedCode)
    {
        _ledger.Setup(l => l.TryClaimAsync("gen-1", It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync((SubmissionRecord?)null);
        _runway.Setup(r => r.CreateTaskAsync(Submit.Request!, It.IsAny<CancellationToken>())).ThrowsAsync(new RunwayException(kind, "Runway said no."));

        var result = Assert.IsType<NotSubmitted>(await SubmitActivity().RunAsync(Ctx, Submit));

        Assert.Equal(expectedCode, result.ErrorCode);
        Assert.Contains("Runway said no.", result.ErrorMessage, StringComparison.Ordinal);
        _runway.Verify(r => r.CreateTaskAsync(It.IsAny<RunwayGenerationRequest>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task SubmitRunAsync_RecordWriteFailsAfterPost_StillReturnsTaskId()
    {
        _ledger.Setup(l => l.TryClaimAsync("gen-1", It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync((SubmissionRecord?)null);
        _ledger.Setup(l => l.RecordAsync(It.IsAny<SubmissionRecord>(), It.IsAny<CancellationToken>())).ThrowsAsync(new Azure.RequestFailedException(503, "busy"));
        _runway.Setup(r => r.CreateTaskAsync(Submit.Request!, It.IsAny<CancellationToken>())).ReturnsAsync(new RunwayTaskCreated { Id = "task-9" });

        var result = await SubmitActivity().RunAsync(Ctx, Submit);

        Assert.Equal("task-9", Assert.IsType<Submitted>(result).RunwayTaskId);
    }

    [Theory]
    [InlineData(RunwayErrorKind.ServerError, true, null)]
    [InlineData(RunwayErrorKind.Network, true, null)]
    [InlineData(RunwayErrorKind.NotFound, false, GenerationErrorCodes.RunwayTaskNotFound)]
    [InlineData(RunwayErrorKind.Unauthorized, false, GenerationErrorCodes.Unauthorized)]
    public async Task ReadRunAsync_RunwayError_MapsTransientAndFatal(RunwayErrorKind kind, bool transient, string? fatalCode)
    {
        _runway.Setup(r => r.GetTaskAsync("task-9", It.IsAny<CancellationToken>())).ThrowsAsync(new RunwayException(kind, "boom"));

        var snapshot = await new ReadRunwayTaskActivity(_runway.Object, new RunwayOutputCache(TimeProvider.System), TimeProvider.System, NullLogger<ReadRunwayTaskActivity>.Instance).RunAsync(Ctx, new ReadRunwayTaskInput("task-9"));

        Assert.Equal(transient, snapshot is TaskUnreadable);
        Assert.Equal(fatalCode, (snapshot as TaskLost)?.ErrorCode);
    }

    [Fact]
    public async Task ReadRunAsync_Succeeded_ReturnsStatusWithoutOutputUrls()
    {
        _runway.Setup(r => r.GetTaskAsync("task-9", It.IsAny<CancellationToken>())).ReturnsAsync(new RunwayTask
        {
            Id = "task-9", Status = RunwayTaskStatus.Succeeded, Output = ["https://cdn.example.com/v.mp4?_jwt=secret-token"],
        });

        var snapshot = await new ReadRunwayTaskActivity(_runway.Object, new RunwayOutputCache(TimeProvider.System), TimeProvider.System, NullLogger<ReadRunwayTaskActivity>.Instance).RunAsync(Ctx, new ReadRunwayTaskInput("task-9"));

        Assert.Equal(RunwayTaskStatus.Succeeded, Assert.IsType<TaskObserved>(snapshot).Status);
        Assert.DoesNotContain("secret-token", System.Text.Json.JsonSerializer.Serialize(snapshot), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CopyRunAsync_TwoOutputs_StoresBothWithSuffixedNames()
    {
        _runway.Setup(r => r.GetTaskAsync("task-9", It.IsAny<CancellationToken>())).ReturnsAsync(new RunwayTask
        {
            Id = "task-9", Status = RunwayTaskStatus.Succeeded, Output = ["https://cdn.example.com/a.mp4?_jwt=x", "https://cdn.example.com/b.mp4?_jwt=y"],
        });
        var store = new Mock<IVideoStore>();
        store.Setup(s => s.CopyAsync(It.IsAny<Uri>(), It.IsAny<string>(), It.IsAny<VideoMetadata>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Uri _, string name, VideoMetadata _, CancellationToken _) => new RunwayRelay.Generations.StoredVideo(name, new Uri("http://x/" + name), 1, "video/mp4"));

        var stored = await new CopyOutputsActivity(_runway.Object, new RunwayOutputCache(TimeProvider.System), store.Object, _runTimes, NullLogger<CopyOutputsActivity>.Instance)
            .RunAsync(Ctx, new CopyOutputsInput("gen-1", "task-9", "gen4.5", "abc", "gen-1.mp4"));

        Assert.Equal(["gen-1.mp4", "gen-1-1.mp4"], stored.Select(v => v.Name));
        store.Verify(s => s.CopyAsync(It.IsAny<Uri>(), It.IsAny<string>(),
            It.Is<VideoMetadata>(m => m.RunwayTaskId == "task-9" && m.GenerationId == "gen-1" && m.PromptSha256 == "abc"), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task SubmitRunAsync_EarlierGenerationsOfTheKindSucceeded_HandsTheirShortestToTheSchedule()
    {
        string kind = ModelRunTimes.KindOf(Submit.Request!);
        foreach (int seconds in new[] { 48, 35, 61, 40, 52 })
        {
            _runTimes.Record(new RunTimeSample(kind, TimeSpan.FromSeconds(seconds)));
        }
        _ledger.Setup(l => l.TryClaimAsync("gen-1", It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync((SubmissionRecord?)null);
        _runway.Setup(r => r.CreateTaskAsync(Submit.Request!, It.IsAny<CancellationToken>())).ReturnsAsync(new RunwayTaskCreated { Id = "task-9" });

        var result = await SubmitActivity().RunAsync(Ctx, Submit);

        Assert.Equal(new RunTimePrior("text_to_video/gen4.5/5s", TimeSpan.FromSeconds(35)), Assert.IsType<Submitted>(result).Prior);
    }

    [Fact]
    public async Task CopyRunAsync_WithRunTime_RecordsItForLaterGenerations()
    {
        _runway.Setup(r => r.GetTaskAsync("task-9", It.IsAny<CancellationToken>())).ReturnsAsync(new RunwayTask
        {
            Id = "task-9", Status = RunwayTaskStatus.Succeeded, Output = ["https://cdn.example.com/a.mp4?_jwt=x"],
        });
        var store = new Mock<IVideoStore>();
        store.Setup(s => s.CopyAsync(It.IsAny<Uri>(), It.IsAny<string>(), It.IsAny<VideoMetadata>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Uri _, string name, VideoMetadata _, CancellationToken _) => new RunwayRelay.Generations.StoredVideo(name, new Uri("http://x/" + name), 1, "video/mp4"));
        for (int i = 0; i < ModelRunTimes.MinSamples - 1; i++)
        {
            _runTimes.Record(new RunTimeSample("kind", TimeSpan.FromSeconds(60)));
        }

        await new CopyOutputsActivity(_runway.Object, new RunwayOutputCache(TimeProvider.System), store.Object, _runTimes, NullLogger<CopyOutputsActivity>.Instance)
            .RunAsync(Ctx, new CopyOutputsInput("gen-1", "task-9", "gen4.5", "abc", "gen-1.mp4") { RunTime = new RunTimeSample("kind", TimeSpan.FromSeconds(42)) });

        Assert.Equal(TimeSpan.FromSeconds(42), _runTimes.PriorFor("kind").Shortest);
    }

    [Theory]
    [InlineData("https://hooks.example.com/x", false, true)]
    [InlineData("http://hooks.example.com/x", true, false)]
    [InlineData("http://127.0.0.1:5000/x", false, false)]
    [InlineData("http://127.0.0.1:5000/x", true, true)]
    [InlineData("http://localhost:5000/x", true, true)]
    public void CallbackIsAllowed_SchemeAndLoopback_FollowsSettings(string url, bool allowLoopback, bool allowed) =>
        Assert.Equal(allowed, CallbackUrlPolicy.Check(new Uri(url), allowLoopback) is null);
}
