namespace RunwayRelay.IntegrationTests.Emulator;

public sealed class EmulatorOptionsTests
{
    [Fact]
    public async Task StartAsync_InvalidOptions_ThrowsNamingEachSetting()
    {
        var options = new RunwayRelay.Emulator.EmulatorOptions { InsufficientCreditsStatusCode = 418, TimeScale = -1 };
        options.Faults.Create.ServerErrorRate = 1.5;

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => RunwayRelay.Emulator.RunwayEmulatorServer.StartAsync(options));

        Assert.Contains(error.Failures, f => f.Contains("Emulator:InsufficientCreditsStatusCode", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Emulator:TimeScale", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Emulator:Faults:Create", StringComparison.Ordinal));
    }
}
