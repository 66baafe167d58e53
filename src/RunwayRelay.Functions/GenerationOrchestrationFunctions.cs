using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using RunwayRelay.Callbacks;
using RunwayRelay.Generations;
using RunwayRelay.Orchestration;

namespace RunwayRelay.Functions;

/// <summary>
/// The orchestrators and activities of Core, registered under their class names (<see cref="GenerationTasks"/>) through
/// thin wrappers, because the Durable source generator that would do it is not available. Activities are built from the
/// function's service provider, as the DevHost's worker builds them.
/// </summary>
public static class GenerationOrchestrationFunctions
{
    [Function(GenerationTasks.Orchestrator)]
    public static Task<GenerationOutcome> RunOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context)
        => Orchestrate<GenerateVideoOrchestrator, GenerationInput, GenerationOutcome>(context, GenerationTasks.Orchestrator);

    [Function(GenerationTasks.CallbackDelivery)]
    public static Task<CallbackDeliveryStatus> RunCallbackDelivery([OrchestrationTrigger] TaskOrchestrationContext context)
        => Orchestrate<CallbackDeliveryOrchestrator, CallbackDeliveryInput, CallbackDeliveryStatus>(context, GenerationTasks.CallbackDelivery);

    [Function(GenerationTasks.EnsureApiKey)]
    public static Task<ApiKeyCheck> EnsureApiKey([ActivityTrigger] string generationId, FunctionContext function)
        => Run<EnsureApiKeyActivity, string, ApiKeyCheck>(function, GenerationTasks.EnsureApiKey, generationId);

    [Function(GenerationTasks.SubmitGeneration)]
    public static Task<SubmissionResult> SubmitGeneration([ActivityTrigger] SubmitGenerationInput input, FunctionContext function)
        => Run<SubmitGenerationActivity, SubmitGenerationInput, SubmissionResult>(function, GenerationTasks.SubmitGeneration, input);

    [Function(GenerationTasks.ReadRunwayTask)]
    public static Task<RunwayTaskSnapshot> ReadRunwayTask([ActivityTrigger] ReadRunwayTaskInput input, FunctionContext function)
        => Run<ReadRunwayTaskActivity, ReadRunwayTaskInput, RunwayTaskSnapshot>(function, GenerationTasks.ReadRunwayTask, input);

    [Function(GenerationTasks.CopyOutputs)]
    public static Task<IReadOnlyList<StoredVideo>> CopyOutputs([ActivityTrigger] CopyOutputsInput input, FunctionContext function)
        => Run<CopyOutputsActivity, CopyOutputsInput, IReadOnlyList<StoredVideo>>(function, GenerationTasks.CopyOutputs, input);

    [Function(GenerationTasks.CancelRunwayTask)]
    public static Task CancelRunwayTask([ActivityTrigger] string runwayTaskId, FunctionContext function)
        => Run<CancelRunwayTaskActivity, string, object?>(function, GenerationTasks.CancelRunwayTask, runwayTaskId);

    /// <summary>The worker has no <see cref="DurableTaskClient"/> in DI; the activity gets the binding's.</summary>
    [Function(GenerationTasks.StartCallbackDelivery)]
    public static Task StartCallbackDelivery([ActivityTrigger] StartCallbackDeliveryInput input, [DurableClient] DurableTaskClient client,
        FunctionContext function)
        => Run<StartCallbackDeliveryActivity, StartCallbackDeliveryInput, object?>(function, GenerationTasks.StartCallbackDelivery, input, client);

    [Function(GenerationTasks.DeliverCallback)]
    public static Task<CallbackAttemptResult> DeliverCallback([ActivityTrigger] DeliverCallbackInput input, FunctionContext function)
        => Run<DeliverCallbackActivity, DeliverCallbackInput, CallbackAttemptResult>(function, GenerationTasks.DeliverCallback, input);

    [Function(GenerationTasks.ReleaseGeneration)]
    public static Task ReleaseGeneration([ActivityTrigger] ReleaseGenerationInput input, FunctionContext function)
        => Run<ReleaseGenerationActivity, ReleaseGenerationInput, object?>(function, GenerationTasks.ReleaseGeneration, input);

    private static Task<TOut> Orchestrate<TOrchestrator, TIn, TOut>(TaskOrchestrationContext context, string name)
        where TOrchestrator : TaskOrchestrator<TIn, TOut>, new()
        where TIn : class
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<TIn>() ?? throw new InvalidOperationException($"{name} started without a {typeof(TIn).Name}.");
        return new TOrchestrator().RunAsync(context, input);
    }

    private static Task<TOut> Run<TActivity, TIn, TOut>(FunctionContext function, string name, TIn input, params object[] arguments)
        where TActivity : TaskActivity<TIn, TOut>
    {
        ArgumentNullException.ThrowIfNull(function);
        var activity = ActivatorUtilities.CreateInstance<TActivity>(function.InstanceServices, arguments);
        string instanceId = function.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? id?.ToString() ?? "" : "";
        return activity.RunAsync(new FunctionActivityContext(name, instanceId), input);
    }

    private sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name { get; } = name;

        public override string InstanceId { get; } = instanceId;
    }
}
