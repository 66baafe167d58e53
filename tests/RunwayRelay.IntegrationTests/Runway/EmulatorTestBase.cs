namespace RunwayRelay.IntegrationTests.Runway;

/// <summary>A fresh emulator per test (real HTTP on 127.0.0.1, free port), at a time scale that ends generations in ms.</summary>
public abstract class EmulatorTestBase : IAsyncLifetime
{
    private RunwayClientHarness? _runway;

    protected RunwayEmulatorServer Emulator { get; private set; } = null!;

    /// <summary>The client with the test settings and the emulator's key: made on first use, disposed with the test.</summary>
    private protected RunwayClientHarness Runway => _runway ??= Harness();

    protected static TextToVideoRequest TextToVideo(string prompt = "a lighthouse at dusk") =>
        new() { Model = "gen4.5", PromptText = prompt, Ratio = "1280:720", Duration = 5 };

    protected static ImageToVideoRequest ImageToVideo() => new()
    {
        Model = "gen4.5", PromptText = "the waves roll in", Ratio = "1280:720", Duration = 5,
        PromptImage = [new PromptImage("https://example.com/lighthouse.png")],
    };

    public virtual async Task InitializeAsync() =>
        Emulator = await RunwayEmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0.001 });

    public virtual async Task DisposeAsync()
    {
        _runway?.Dispose();
        await Emulator.DisposeAsync();
    }

    private protected RunwayClientHarness Harness(string? key = null, IDictionary<string, string?>? settings = null) =>
        RunwayClientHarness.Create(Emulator.BaseUrl, key ?? Emulator.ApiKey, settings);
}
