namespace RunwayRelay.Orchestration;

/// <summary>Names of the orchestrator and its activities (their class names), for hosts that wrap them (Functions).</summary>
public static class GenerationTasks
{
    public const string Orchestrator = nameof(GenerateVideoOrchestrator);
    public const string EnsureApiKey = nameof(EnsureApiKeyActivity);
    public const string SubmitGeneration = nameof(SubmitGenerationActivity);
    public const string ReadRunwayTask = nameof(ReadRunwayTaskActivity);
    public const string CopyOutputs = nameof(CopyOutputsActivity);
    public const string CancelRunwayTask = nameof(CancelRunwayTaskActivity);
    public const string SendCallback = nameof(SendCallbackActivity);
    public const string ReleaseGeneration = nameof(ReleaseGenerationActivity);
}
