using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace RunwayRelay.IntegrationTests.Scheduling;

/// <summary>The scheduler's conflict paths on Azurite: stale and ended reservations, a lost race, a start that fails.</summary>
public sealed class GenerationSchedulerTests(AzuriteFixture azurite) : AzuriteTestBase(azurite)
{
    [Fact]
    public async Task Schedule_NameReservedByAGenerationThatNeverStarted_TakenOverOnlyAfterTwoMinutes()
    {
        await using var host = await GenerationHost.StartAsync(Azurite.ConnectionString);
        var draft = GenerationHost.Input();
        // What a crash between reserving and scheduling leaves behind.
        Assert.Equal(NameReservation.Reserved, await Names(host).TryReserveAsync(draft.OutputBlobName!, "g-crashed", (_, _) => Task.FromResult(false)));

        var soon = await SchedulerAt(host, DateTimeOffset.UtcNow).ScheduleAsync(host.Client, draft, OutputNamePolicy.Exact);
        var later = await SchedulerAt(host, DateTimeOffset.UtcNow + TimeSpan.FromMinutes(3)).ScheduleAsync(host.Client, draft, OutputNamePolicy.Exact);

        Assert.IsType<OutputNameTaken>(soon);
        Assert.IsType<Scheduled>(later);
        Assert.Equal(draft.GenerationId, (await Names(host).GetAsync(draft.OutputBlobName!))!.GenerationId);
        Assert.Equal(GenerationPhase.Succeeded, (await host.WaitAsync(draft.GenerationId)).ReadOutputAs<GenerationOutcome>()!.Status);
    }

    [Fact]
    public async Task Schedule_NameStillReservedByAnEndedGeneration_IsTakenOver()
    {
        await using var host = await GenerationHost.StartAsync(Azurite.ConnectionString);
        var failed = GenerationHost.Input("a storm [emulator:fail=SAFETY.INPUT.TEXT]");
        await host.RunAsync(failed);
        // As if its release had failed: the ended generation still holds the name.
        Assert.Equal(NameReservation.Reserved, await Names(host).TryReserveAsync(failed.OutputBlobName!, failed.GenerationId, (_, _) => Task.FromResult(false)));
        var next = GenerationHost.Input() with { OutputBlobName = failed.OutputBlobName };

        var result = await host.Services.GetRequiredService<GenerationScheduler>().ScheduleAsync(host.Client, next, OutputNamePolicy.Exact);

        Assert.IsType<Scheduled>(result);
    }

    [Fact]
    public async Task Schedule_LosesTheRaceForItsIdToADifferentRequest_IdConflictAndItsNameIsFreed()
    {
        await using var host = await GenerationHost.StartAsync(Azurite.ConnectionString);
        var draft = GenerationHost.Input();
        // Another process stored a different request under the same id and has not started it yet.
        await host.Services.GetRequiredService<GenerationPayloadStore>().TryCreateAsync(draft.GenerationId,
            new GenerationPayload(new TextToVideoRequest { Model = "gen4.5", PromptText = "something else" }, "another-fingerprint"));

        var result = await host.Services.GetRequiredService<GenerationScheduler>().ScheduleAsync(host.Client, draft, OutputNamePolicy.Exact);

        Assert.IsType<IdConflict>(result);
        Assert.Null(await Names(host).GetAsync(draft.OutputBlobName!));
        Assert.Equal("another-fingerprint", (await host.Services.GetRequiredService<GenerationPayloadStore>().GetAsync(draft.GenerationId))!.RequestSha256);
    }

    [Fact]
    public async Task Schedule_DurableStoreRefusesTheStart_NameFreedPayloadDeletedErrorSurfaces()
    {
        await using var host = await GenerationHost.StartAsync(Azurite.ConnectionString);
        var draft = GenerationHost.Input(callback: new Uri("https://hooks.example.com/done?sig=secret"));
        var client = new Mock<DurableTaskClient>("refusing") { CallBase = false };
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("the durable store is unavailable"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            host.Services.GetRequiredService<GenerationScheduler>().ScheduleAsync(client.Object, draft, OutputNamePolicy.Exact));

        Assert.Equal("the durable store is unavailable", error.Message);
        Assert.Null(await Names(host).GetAsync(draft.OutputBlobName!));
        Assert.Null(await host.Services.GetRequiredService<GenerationPayloadStore>().GetAsync(draft.GenerationId));
    }

    [Fact]
    public async Task Schedule_NameReservedJustNow_StartsWithoutReadingTheReservationBack()
    {
        await using var host = await GenerationHost.StartAsync(Azurite.ConnectionString);
        var draft = GenerationHost.Input();
        var reads = new NameReadCounter();

        var result = await SchedulerAt(host, new FakeTimeProvider(DateTimeOffset.UtcNow), reads).ScheduleAsync(host.Client, draft, OutputNamePolicy.Exact);

        Assert.IsType<Scheduled>(result);
        Assert.Equal(0, reads.Count);
    }

    [Fact]
    public async Task Schedule_SlowBetweenReservingAndStarting_ReadsTheReservationBackFirst()
    {
        await using var host = await GenerationHost.StartAsync(Azurite.ConnectionString);
        var draft = GenerationHost.Input();
        var reads = new NameReadCounter();
        // Every reading of the clock is a minute later: the reservation may have been taken over meanwhile.
        var slow = new FakeTimeProvider(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.FromMinutes(1) };

        var result = await SchedulerAt(host, slow, reads).ScheduleAsync(host.Client, draft, OutputNamePolicy.Exact);

        Assert.IsType<Scheduled>(result);
        Assert.Equal(1, reads.Count);
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 1)]
    public async Task Schedule_IdJustMadeOrGiven_LooksForAnExistingInstanceOnlyForAGivenId(bool idIsNew, int lookups)
    {
        await using var host = await GenerationHost.StartAsync(Azurite.ConnectionString);
        var draft = GenerationHost.Input() with { IdIsNew = idIsNew };
        var client = new Mock<DurableTaskClient>("counting") { CallBase = false };
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(draft.GenerationId);

        var result = await host.Services.GetRequiredService<GenerationScheduler>().ScheduleAsync(client.Object, draft, OutputNamePolicy.Exact);

        Assert.IsType<Scheduled>(result);
        client.Verify(c => c.GetInstanceAsync(draft.GenerationId, It.IsAny<bool>(), It.IsAny<CancellationToken>()), Times.Exactly(lookups));
    }

    private static OutputNameReservations Names(GenerationHost host) => host.Services.GetRequiredService<OutputNameReservations>();

    private static GenerationScheduler SchedulerAt(GenerationHost host, DateTimeOffset now) => SchedulerAt(host, new FakeTimeProvider(now));

    private GenerationScheduler SchedulerAt(GenerationHost host, TimeProvider time, NameReadCounter reads)
    {
        var options = new Azure.Storage.Blobs.BlobClientOptions();
        options.AddPolicy(reads, Azure.Core.HttpPipelinePosition.PerCall);
        return SchedulerAt(host, time, new Azure.Storage.Blobs.BlobServiceClient(Azurite.ConnectionString, options));
    }

    private static GenerationScheduler SchedulerAt(GenerationHost host, TimeProvider time, Azure.Storage.Blobs.BlobServiceClient? blobs = null)
    {
        var services = host.Services;
        return new GenerationScheduler(
            new OutputNameReservations(blobs ?? services.GetRequiredKeyedService<Azure.Storage.Blobs.BlobServiceClient>(VideoStorageClientFactory.ConnectionName),
                services.GetRequiredService<IOptions<OutputOptions>>(), time),
            services.GetRequiredService<GenerationPayloadStore>(), services.GetRequiredService<IOptionsMonitor<RunwayOptions>>(), time,
            NullLogger<GenerationScheduler>.Instance);
    }

    /// <summary>Counts the GETs of name reservations (<c>names/...</c> blobs) sent through a client.</summary>
    private sealed class NameReadCounter : Azure.Core.Pipeline.HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override void OnSendingRequest(Azure.Core.HttpMessage message)
        {
            if (message.Request.Method == Azure.Core.RequestMethod.Get && message.Request.Uri.Path.Contains("/names/", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _count);
            }
        }
    }
}
