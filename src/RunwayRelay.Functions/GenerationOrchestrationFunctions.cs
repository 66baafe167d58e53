using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunwayRelay.Generations;
using RunwayRelay.Orchestration;

namespace RunwayRelay.Functions;

/// <summary>
/// The orchestrator and activities of Core, registered under their class names (<see cref="GenerationTasks"/>) through
/// thin wrappers, because the Durable source generator that would do it is not available. Activities are built from the
/// function's service provider, as the DevHost's worker builds them.
/// </summary>
public static class GenerationOrchestrationFunctions
{
    [Function(GenerationTasks.Orchestrator)]
    public static Task<GenerationOutcome> RunOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<GenerationInput>()
            ?? throw new InvalidOperationException($"{GenerationTasks.Orchestrator} started without a {nameof(GenerationInput)}.");
        return new GenerateVideoOrchestrator().RunAsync(context, input);
    }

    [Function(GenerationTasks.EnsureApiKey)]
    public static Task<JsonElement> EnsureApiKey([ActivityTrigger] string generationId, FunctionContext function)
        => RunClosed<EnsureApiKeyActivity, string, ApiKeyCheck>(function, GenerationTasks.EnsureApiKey, generationId);

    [Function(GenerationTasks.SubmitGeneration)]
    public static Task<JsonElement> SubmitGeneration([ActivityTrigger] SubmitGenerationInput input, FunctionContext function)
        => RunClosed<SubmitGenerationActivity, SubmitGenerationInput, SubmissionResult>(function, GenerationTasks.SubmitGeneration, input);

    [Function(GenerationTasks.ReadRunwayTask)]
    public static Task<JsonElement> ReadRunwayTask([ActivityTrigger] ReadRunwayTaskInput input, FunctionContext function)
        => RunClosed<ReadRunwayTaskActivity, ReadRunwayTaskInput, RunwayTaskSnapshot>(function, GenerationTasks.ReadRunwayTask, input);

    [Function(GenerationTasks.CopyOutputs)]
    public static Task<IReadOnlyList<StoredVideo>> CopyOutputs([ActivityTrigger] CopyOutputsInput input, FunctionContext function)
        => Run<CopyOutputsActivity, CopyOutputsInput, IReadOnlyList<StoredVideo>>(function, GenerationTasks.CopyOutputs, input);

    [Function(GenerationTasks.CancelRunwayTask)]
    public static Task CancelRunwayTask([ActivityTrigger] string runwayTaskId, FunctionContext function)
        => Run<CancelRunwayTaskActivity, string, object?>(function, GenerationTasks.CancelRunwayTask, runwayTaskId);

    [Function(GenerationTasks.SendCallback)]
    public static Task SendCallback([ActivityTrigger] SendCallbackInput input, FunctionContext function)
        => Run<SendCallbackActivity, SendCallbackInput, object?>(function, GenerationTasks.SendCallback, input);

    [Function(GenerationTasks.ReleaseGeneration)]
    public static Task ReleaseGeneration([ActivityTrigger] ReleaseGenerationInput input, FunctionContext function)
        => Run<ReleaseGenerationActivity, ReleaseGenerationInput, object?>(function, GenerationTasks.ReleaseGeneration, input);

    private static Task<TOut> Run<TActivity, TIn, TOut>(FunctionContext function, string name, TIn input)
        where TActivity : TaskActivity<TIn, TOut>
    {
        ArgumentNullException.ThrowIfNull(function);
        var activity = ActivatorUtilities.CreateInstance<TActivity>(function.InstanceServices);
        string instanceId = function.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? id?.ToString() ?? "" : "";
        return activity.RunAsync(new FunctionActivityContext(name, instanceId), input);
    }

    /// <summary>
    /// Results that are closed type hierarchies are serialized through their base type, so the <c>kind</c>
    /// discriminator the orchestrator reads them by is written whatever runtime type the worker would pick.
    /// </summary>
    private static async Task<JsonElement> RunClosed<TActivity, TIn, TOut>(FunctionContext function, string name, TIn input)
        where TActivity : TaskActivity<TIn, TOut>
    {
        TOut result = await Run<TActivity, TIn, TOut>(function, name, input).ConfigureAwait(false);
        var serializer = function.InstanceServices.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer
            ?? throw new InvalidOperationException("The Functions worker has no serializer configured.");
        using var json = JsonDocument.Parse(serializer.Serialize(result, typeof(TOut)).ToMemory());
        return json.RootElement.Clone();
    }

    private sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name { get; } = name;

        public override string InstanceId { get; } = instanceId;
    }
}
