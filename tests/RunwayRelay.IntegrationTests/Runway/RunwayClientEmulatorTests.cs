namespace RunwayRelay.IntegrationTests.Runway;

public sealed class RunwayClientEmulatorTests : EmulatorTestBase
{
    [Fact]
    public async Task CreateTaskAsync_ValidRequest_SubmitsExactlyOnceWithTheKey()
    {

        var created = await Runway.Client.CreateTaskAsync(ImageToVideo());

        var create = Assert.Single(Emulator.Activity.Creates);
        Assert.Equal(created.Id, create.TaskId);
        Assert.Equal(("image_to_video", "gen4.5"), (create.Endpoint, create.Model));
        Assert.Equal(RunwayEmulatorServer.KeyFingerprint(Emulator.ApiKey), create.KeyFingerprint);
        Assert.Equal(create.Credits, created.EstimatedCost!.Credits);
    }

    [Fact]
    public async Task GetTaskAsync_UntilTerminal_ReachesSucceededWithOutputAndCost()
    {
        var (created, task) = await Runway.RunToEndAsync(TextToVideo("[emulator:succeed] a lighthouse"));

        Assert.Equal(RunwayTaskStatus.Succeeded, task.Status);
        Assert.Equal(created.Id, task.Id);
        Assert.NotEmpty(task.Output!);
        Assert.All(task.Output!, url => Assert.StartsWith(Emulator.BaseUrl.ToString(), url));
        Assert.NotNull(task.Cost);
        Assert.NotNull(task.CreatedAt);
    }

    [Fact]
    public async Task GetTaskAsync_FailedTask_CarriesFailureAndCode()
    {
        var (_, task) = await Runway.RunToEndAsync(TextToVideo("[emulator:fail=SAFETY.INPUT.TEXT] a lighthouse"));

        Assert.Equal(RunwayTaskStatus.Failed, task.Status);
        Assert.Equal("SAFETY.INPUT.TEXT", task.FailureCode);
        Assert.False(string.IsNullOrEmpty(task.Failure));
    }

    [Fact]
    public async Task CancelTaskAsync_Task_IsGoneAndSecondCancelStillSucceeds()
    {
        Emulator.Options.TimeScale = 1; // keep it running while we cancel
        var created = await Runway.Client.CreateTaskAsync(TextToVideo());

        await Runway.Client.CancelTaskAsync(created.Id);
        await Runway.Client.CancelTaskAsync(created.Id); // 404 from Runway: already gone counts as done
        var ex = await Assert.ThrowsAsync<RunwayException>(() => Runway.Client.GetTaskAsync(created.Id));

        Assert.Equal(RunwayErrorKind.NotFound, ex.Kind);
        Assert.Equal([created.Id, created.Id], Emulator.Activity.Deletes);
    }

    [Fact]
    public async Task GetOrganizationAsync_AfterOneGeneration_ShowsBalanceTierAndUsage()
    {
        long before = Emulator.CreditBalance;
        var created = await Runway.Client.CreateTaskAsync(TextToVideo());

        var organization = await Runway.Client.GetOrganizationAsync();

        Assert.Equal(before - (long)created.EstimatedCost!.Credits, organization.CreditBalance);
        Assert.True(organization.Tier.MaxMonthlyCreditSpend > 0);
        Assert.True(organization.Tier.Models["gen4.5"].MaxConcurrentGenerations > 0);
        Assert.Equal(1, organization.Usage.Models["gen4.5"].DailyGenerations);
    }

    [Fact]
    public async Task CreateTaskAsync_InvalidRequest_NothingReachesRunway()
    {
        var request = ImageToVideo() with { PromptImage = [new PromptImage("http://example.com/a.png")], Seed = -5 };

        var ex = await Assert.ThrowsAsync<RunwayException>(() => Runway.Client.CreateTaskAsync(request));

        Assert.Equal(RunwayErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal(["promptImage", "seed"], ex.Issues.Select(i => i.Field).Order());
        Assert.Empty(Emulator.Activity.Requests);
    }

    [Theory]
    [InlineData("veo3.1")]
    [InlineData("seedance2")]
    public async Task CreateTaskAsync_RequestsTheClientAccepts_TheEmulatorAcceptsToo(string model)
    {
        var request = model == "veo3.1"
            ? new ImageToVideoRequest { Model = model, Ratio = "1280:720", Duration = 6, PromptImage = [new("https://example.com/a.png", "first"), new("https://example.com/b.png", "last")] }
            : new ImageToVideoRequest { Model = model, Ratio = "960:960", Duration = 4, PromptImage = [new("https://example.com/a.png")], Audio = false };

        var created = await Runway.Client.CreateTaskAsync(request);

        Assert.Equal(model, Assert.Single(Emulator.Activity.Creates).Model);
        Assert.False(string.IsNullOrEmpty(created.Id));
    }
}
