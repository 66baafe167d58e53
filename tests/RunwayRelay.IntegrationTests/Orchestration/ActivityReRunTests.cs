using Moq;

namespace RunwayRelay.IntegrationTests.Orchestration;

/// <summary>The durable engine may run an activity again after a crash; these run the real activities twice.</summary>
public sealed class ActivityReRunTests(AzuriteFixture azurite) : AzuriteTestBase(azurite)
{
    private static readonly TaskActivityContext Ctx = new Mock<TaskActivityContext>().Object;

    [Fact]
    public async Task SubmitActivity_RunTwice_SubmitsOnceAndReturnsSameTaskId()
    {
        await using var host = await GenerationHost.StartAsync(Azurite.ConnectionString);
        var activity = ActivatorUtilities.CreateInstance<SubmitGenerationActivity>(host.Services);
        var input = GenerationHost.Input();
        await host.StorePayloadAsync(input);
        var submit = new SubmitGenerationInput(input.GenerationId);

        var first = Assert.IsType<Submitted>(await activity.RunAsync(Ctx, submit));
        var second = await activity.RunAsync(Ctx, submit);

        // The re-run answers from the ledger before reading the request, so it has no run-time prior: only a polling hint.
        Assert.Equal(first with { Prior = null }, second);
        Assert.Equal(1, host.Emulator.Activity.CreateAttempts);
        var record = await host.Services.GetRequiredService<ISubmissionLedger>().GetAsync(input.GenerationId);
        Assert.Equal(SubmissionState.Submitted, record!.State);
        Assert.Equal(first.RunwayTaskId, record.RunwayTaskId);
    }

    [Fact]
    public async Task SubmitActivity_EarlierAttemptInterrupted_DoesNotPostAndReportsUncertain()
    {
        await using var host = await GenerationHost.StartAsync(Azurite.ConnectionString);
        var input = GenerationHost.Input();
        var ledger = host.Services.GetRequiredService<ISubmissionLedger>();
        // What a crash between "submitting" and Runway's answer leaves behind.
        Assert.Null(await ledger.TryClaimAsync(input.GenerationId, DateTimeOffset.UtcNow));

        var result = await ActivatorUtilities.CreateInstance<SubmitGenerationActivity>(host.Services)
            .RunAsync(Ctx, new SubmitGenerationInput(input.GenerationId));

        Assert.Equal(GenerationErrorCodes.SubmissionUncertain, Assert.IsType<NotSubmitted>(result).ErrorCode);
        Assert.Equal(0, host.Emulator.Activity.CreateAttempts);
    }

    [Fact]
    public async Task SubmitActivity_LostResponseAfterCreate_ReportsUncertainAndNeverPostsAgain()
    {
        var options = new EmulatorOptions { TimeScale = 0.001 };
        options.Faults.Create.ServerErrorNext = 1;
        options.Faults.Create.AfterProcessing = true;
        await using var host = await GenerationHost.StartAsync(Azurite.ConnectionString, options);
        var activity = ActivatorUtilities.CreateInstance<SubmitGenerationActivity>(host.Services);
        var input = GenerationHost.Input();
        await host.StorePayloadAsync(input);
        var submit = new SubmitGenerationInput(input.GenerationId);

        var first = await activity.RunAsync(Ctx, submit);
        var second = await activity.RunAsync(Ctx, submit);

        Assert.Equal(GenerationErrorCodes.SubmissionUncertain, Assert.IsType<NotSubmitted>(first).ErrorCode);
        Assert.Equal(GenerationErrorCodes.SubmissionUncertain, Assert.IsType<NotSubmitted>(second).ErrorCode);
        // The emulator did create (and charge) one task; nothing posted a second time.
        Assert.Single(host.Emulator.Activity.Creates);
        Assert.Equal(1, host.Emulator.Activity.CreateAttempts);
    }

    [Fact]
    public async Task CopyActivity_RunTwice_CopiesOnce()
    {
        await using var host = await GenerationHost.StartAsync(Azurite.ConnectionString);
        var runway = host.Services.GetRequiredService<RunwayClient>();
        var input = GenerationHost.Input();
        var created = await runway.CreateTaskAsync(input.Request);
        await WaitForSucceededAsync(runway, created.Id);
        var copy = ActivatorUtilities.CreateInstance<CopyOutputsActivity>(host.Services);
        var copyInput = new CopyOutputsInput(input.GenerationId, created.Id, "gen4.5", "abc", input.OutputBlobName!);

        var first = await copy.RunAsync(Ctx, copyInput);
        var blob = host.OutputContainer.GetBlobClient(input.OutputBlobName!);
        var etag = (await blob.GetPropertiesAsync()).Value.ETag;
        var second = await copy.RunAsync(Ctx, copyInput);

        Assert.Equal(first, second);
        Assert.Equal(etag, (await blob.GetPropertiesAsync()).Value.ETag);
        Assert.Equal(await host.EmulatorOutputAsync(created.Id), await host.BlobAsync(input.OutputBlobName!));
    }

    internal static async Task WaitForSucceededAsync(RunwayClient runway, string taskId)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while ((await runway.GetTaskAsync(taskId, cts.Token)).Status != RunwayTaskStatus.Succeeded)
        {
            await Task.Delay(20, cts.Token);
        }
    }
}
