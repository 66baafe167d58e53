using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using RunwayRelay.Callbacks;

namespace RunwayRelay.Orchestration;

/// <summary>
/// Delivers a generation's completion callback, apart from the generation, whose orchestration has already completed
/// with its outcome: one activity call per attempt, and between attempts a durable timer (nothing runs while waiting)
/// picked by <see cref="CallbackRetryPlan"/> from what the attempt answered. Every retry carries the same webhook-id.
/// </summary>
public sealed class CallbackDeliveryOrchestrator : TaskOrchestrator<CallbackDeliveryInput, CallbackDeliveryStatus>
{
    /// <summary>
    /// A bound on the history, far above what a schedule reaches (backoff doubling to MaxRetryDelay over a 6-day window
    /// at most, Retry-After held to at least InitialRetryDelay).
    /// </summary>
    public const int MaxAttempts = 200;

    public override async Task<CallbackDeliveryStatus> RunAsync(TaskOrchestrationContext context, CallbackDeliveryInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        string webhookId = WebhookIds.For(input.GenerationId, CallbackEventTypes.Completed);
        DateTime firstAttemptAt = context.CurrentUtcDateTime;
        var status = new CallbackDeliveryStatus(CallbackDeliveryState.Pending, 0);
        context.SetCustomStatus(status);

        for (int attempts = 1; attempts <= MaxAttempts; attempts++)
        {
            var attempt = await AttemptAsync(context, input, webhookId);
            int? lastStatus = attempt.StatusCode ?? status.LastStatus;
            if (Final(attempt.Outcome) is { } final)
            {
                return End(context, input, new CallbackDeliveryStatus(final, attempts, lastStatus, null, attempt.Error));
            }
            var next = CallbackRetryPlan.NextAttemptAt(input.Schedule, attempts, firstAttemptAt, context.CurrentUtcDateTime, attempt.RetryAfter, webhookId);
            if (next is not { } fireAt)
            {
                return End(context, input, new CallbackDeliveryStatus(CallbackDeliveryState.Failed, attempts, lastStatus, null,
                    $"The retry window ended after {attempts} attempts; the last: {attempt.Error}"));
            }
            status = new CallbackDeliveryStatus(CallbackDeliveryState.Retrying, attempts, lastStatus, new DateTimeOffset(fireAt, TimeSpan.Zero), attempt.Error);
            context.SetCustomStatus(status);
            await context.CreateTimer(fireAt, CancellationToken.None);
        }
        return End(context, input, status with { State = CallbackDeliveryState.Failed, NextAttemptAt = null });
    }

    private static CallbackDeliveryState? Final(CallbackAttemptOutcome outcome) => outcome switch
    {
        CallbackAttemptOutcome.Delivered => CallbackDeliveryState.Delivered,
        CallbackAttemptOutcome.Gone => CallbackDeliveryState.Gone,
        CallbackAttemptOutcome.Rejected or CallbackAttemptOutcome.Refused => CallbackDeliveryState.Failed,
        _ => null,
    };

    /// <summary>One attempt; an activity that fails unexpectedly (storage down) counts as an attempt worth retrying.</summary>
    private static async Task<CallbackAttemptResult> AttemptAsync(TaskOrchestrationContext context, CallbackDeliveryInput input, string webhookId)
    {
        try
        {
            return await context.CallActivityAsync<CallbackAttemptResult>(GenerationTasks.DeliverCallback,
                new DeliverCallbackInput(input.GenerationId, webhookId, CallbackEventTypes.Completed, input.Notice.CompletedAt, Notice: input.Notice));
        }
        catch (TaskFailedException e)
        {
            return new CallbackAttemptResult(CallbackAttemptOutcome.Retry, Error: $"The attempt failed: {e.FailureDetails.ErrorType}");
        }
    }

    private static CallbackDeliveryStatus End(TaskOrchestrationContext context, CallbackDeliveryInput input, CallbackDeliveryStatus ended)
    {
        context.SetCustomStatus(ended);
        context.CreateReplaySafeLogger<CallbackDeliveryOrchestrator>().CallbackDeliveryEnded(input.GenerationId, ended.State, ended.Attempts);
        return ended;
    }
}
