namespace RunwayRelay.Orchestration;

/// <summary>Names of the orchestrators and their activities (their class names), for hosts that wrap them (Functions).</summary>
public static class GenerationTasks
{
    public const string Orchestrator = nameof(GenerateVideoOrchestrator);
    public const string CallbackDelivery = nameof(CallbackDeliveryOrchestrator);
    public const string EnsureApiKey = nameof(EnsureApiKeyActivity);
    public const string SubmitGeneration = nameof(SubmitGenerationActivity);
    public const string ReadRunwayTask = nameof(ReadRunwayTaskActivity);
    public const string CopyOutputs = nameof(CopyOutputsActivity);
    public const string CancelRunwayTask = nameof(CancelRunwayTaskActivity);
    public const string StartCallbackDelivery = nameof(StartCallbackDeliveryActivity);
    public const string DeliverCallback = nameof(DeliverCallbackActivity);
    public const string ReleaseGeneration = nameof(ReleaseGenerationActivity);
}
