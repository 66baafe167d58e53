using Microsoft.DurableTask;
using RunwayRelay.Generations;

namespace RunwayRelay.Orchestration;

/// <summary>
/// One generation as four steps: submit once, wait for the next poll (or a cancel), poll, and finish. One poll per
/// execution, then ContinueAsNew, so the history stays small. Every failure ends normally with a
/// <see cref="GenerationOutcome"/> carrying an error code, so the status endpoint never has to parse exceptions.
/// </summary>
public sealed class GenerateVideoOrchestrator : TaskOrchestrator<GenerationInput, GenerationOutcome>
{
    public override async Task<GenerationOutcome> RunAsync(TaskOrchestrationContext context, GenerationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var steps = new GenerationSteps(context, input);

        // 1. Submit (first execution only): the key must be usable, then exactly one POST to Runway.
        var checkpoint = input.Checkpoint;
        if (checkpoint is null)
        {
            var submission = await steps.SubmitAsync();
            if (submission is NotSubmitted refused)
            {
                return await steps.FinishAsync(steps.Failed(null, refused.ErrorCode, refused.ErrorMessage) with
                {
                    EstimatedCredits = input.EstimatedCredits,
                    ResetsAt = refused.ResetsAt,
                });
            }
            checkpoint = new GenerationCheckpoint(((Submitted)submission).RunwayTaskId, 0, null, null);
        }
        steps.ShowProgress(checkpoint);

        // 2. Wait for the poll timer; a cancel request that comes first wins. Asked-for progress events go out meanwhile.
        Task cancelRequested = steps.CancelRequested();
        var notified = steps.NotifyProgressAsync(checkpoint);
        bool polled = await steps.WaitForPollAsync(checkpoint, cancelRequested);
        checkpoint = await notified;
        if (!polled)
        {
            return await steps.FinishAsync(await steps.CancelAsync(checkpoint));
        }

        // 3. Poll: an end state ends the generation, copying the outputs on success.
        var snapshot = await steps.PollAsync(checkpoint);
        if (await steps.EndOfAsync(checkpoint, snapshot) is { } ended)
        {
            return await steps.FinishAsync(ended);
        }

        // 4. Still going: a cancel that came during the poll, then the deadline, then poll again in a fresh execution.
        checkpoint = steps.Advance(checkpoint, snapshot);
        if (cancelRequested.IsCompleted)
        {
            return await steps.FinishAsync(await steps.CancelAsync(checkpoint));
        }
        if (steps.PastDeadline)
        {
            return await steps.FinishAsync(await steps.TimeOutAsync(checkpoint));
        }
        steps.ShowProgress(checkpoint);
        context.ContinueAsNew(input.WithoutLegacyRequest() with { Checkpoint = checkpoint });
        return null!;
    }
}
