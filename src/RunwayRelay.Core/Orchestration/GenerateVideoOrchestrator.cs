using Microsoft.DurableTask;
using RunwayRelay.Generations;

namespace RunwayRelay.Orchestration;

/// <summary>
/// One generation as four steps (docs/orchestration.md, "The flow"): submit once, wait for the next poll (or a cancel),
/// poll, and finish. One poll per execution, then ContinueAsNew, so the history stays small. Every failure ends
/// normally with a <see cref="GenerationOutcome"/> carrying an error code, so the status endpoint never has to parse
/// exceptions.
/// </summary>
public sealed class GenerateVideoOrchestrator : TaskOrchestrator<GenerationInput, GenerationOutcome>
{
    public override async Task<GenerationOutcome> RunAsync(TaskOrchestrationContext context, GenerationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var steps = new GenerationSteps(context, input);

        var ended =
            // 1. Submit (first execution only): the key must be usable, then exactly one POST to Runway.
            await steps.SubmitAsync()
            // 2. Wait for the poll timer; a cancel request that comes first ends the generation.
            ?? await steps.WaitAsync()
            // 3. Poll: an end state, a cancel that came during the poll, or the deadline ends the generation.
            ?? await steps.PollAsync();
        if (ended is null)
        {
            // Still going: the next poll runs in a fresh execution.
            steps.ContinueAsNew();
            return null!;
        }

        // 4. Finish: publish the outcome, start the callback's delivery, release the payload and the output name.
        return await steps.FinishAsync(ended);
    }
}
