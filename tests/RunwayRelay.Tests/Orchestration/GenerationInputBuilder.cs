namespace RunwayRelay.Tests.Orchestration;

/// <summary>
/// The <see cref="GenerationInput"/> the scheduler makes for <see cref="Request"/> (accepted at
/// <see cref="OrchestratorHarness.Start"/>, polled every 5 s up to 30 s for 10 min), with only what a test is about changed.
/// </summary>
internal sealed class GenerationInputBuilder
{
    public static readonly TextToVideoRequest Request = new() { Model = "gen4.5", PromptText = "a red fox in snow", Ratio = "1280:720", Duration = 5 };

    private Uri? _callbackUrl;
    private PollingSchedule _polling = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10));
    private bool _legacy;

    /// <summary>A callback: new inputs only say there is one (the URL stays in the payload store); legacy ones carry it.</summary>
    public GenerationInputBuilder WithCallback(Uri? callbackUrl)
    {
        _callbackUrl = callbackUrl;
        return this;
    }

    public GenerationInputBuilder WithPolling(TimeSpan interval, TimeSpan maxInterval, TimeSpan timeout)
    {
        _polling = new PollingSchedule(interval, maxInterval, timeout);
        return this;
    }

    /// <summary>An input of a generation started before payloads moved out of durable state: request and callback URL inline.</summary>
    public GenerationInputBuilder Legacy()
    {
        _legacy = true;
        return this;
    }

    public GenerationInput Build() => _legacy
        ? new GenerationInput
        {
            GenerationId = "gen-1",
            Request = Request,
            OutputBlobName = "gen-1.mp4",
            CallbackUrl = _callbackUrl,
            AcceptedAt = new DateTimeOffset(OrchestratorHarness.Start),
            Polling = _polling,
        }
        : new GenerationInput
        {
            GenerationId = "gen-1",
            OutputBlobName = "gen-1.mp4",
            AcceptedAt = new DateTimeOffset(OrchestratorHarness.Start),
            Polling = _polling,
            Model = Request.Model,
            PromptSha256 = PromptHash.Of(Request.PromptText),
            RequestSha256 = "0f",
            HasCallback = _callbackUrl is not null,
        };
}
