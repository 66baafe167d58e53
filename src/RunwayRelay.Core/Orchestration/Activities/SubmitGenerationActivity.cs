using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using RunwayRelay.ApiKeys;
using RunwayRelay.Budget;
using RunwayRelay.Runway;
using RunwayRelay.Storage;
using RunwayRelay.Telemetry;

namespace RunwayRelay.Orchestration;

/// <summary>
/// Submits the generation once. The request is read from the payload store (a blob upload's image from its blob),
/// so neither it nor its media enters durable state. A submission record claimed before the POST turns the engine's
/// at-least-once activity execution into at-most-once submission: a re-run finds the record and never posts again.
/// </summary>
public sealed class SubmitGenerationActivity(
    IRunwayClient runway,
    ISubmissionLedger ledger,
    GenerationPayloadStore payloads,
    PromptImageLoader images,
    BudgetGuard budget,
    ModelRunTimes runTimes,
    TimeProvider time,
    ILogger<SubmitGenerationActivity> logger) : TaskActivity<SubmitGenerationInput, SubmissionResult>
{
    public override async Task<SubmissionResult> RunAsync(TaskActivityContext context, SubmitGenerationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var span = RunwayRelayTelemetry.StartTask(GenerationTasks.SubmitGeneration, context, input.GenerationId);
        string id = input.GenerationId;

        // Checked before the request is prepared, so a re-run neither re-uploads media nor posts again.
        if (await ledger.GetAsync(id).ConfigureAwait(false) is { } recorded)
        {
            return FromEarlierAttempt(id, recorded);
        }

        RunwayGenerationRequest request;
        try
        {
            if (await PrepareAsync(input).ConfigureAwait(false) is not { } prepared)
            {
                return Refuse(id, GenerationErrorCodes.PayloadMissing,
                    "The stored request of this generation is gone (deleted from Output__PayloadsContainer); nothing was submitted.");
            }
            request = prepared;
        }
        catch (PromptImageGoneException e)
        {
            return Refuse(id, GenerationErrorCodes.UploadGone, e.Message);
        }
        catch (RunwayException e)
        {
            // Only the ephemeral upload of a large image talks to Runway here; no generation was created.
            return Refuse(id, GenerationErrorCodes.ForCreate(e.Kind), $"Uploading the image to Runway failed: {e.Message}");
        }
        catch (Exception e) when (e is Azure.RequestFailedException or IOException or HttpRequestException)
        {
            // Before the claim nothing can have been posted: say so, rather than "a task may have been created".
            return Refuse(id, GenerationErrorCodes.SubmissionError,
                $"Reading the stored request failed ({e.GetType().Name}: {(e as Azure.RequestFailedException)?.ErrorCode ?? "no answer"}); nothing was submitted. Start the generation again.");
        }

        if (await ledger.TryClaimAsync(id, time.GetUtcNow()).ConfigureAwait(false) is { } earlier)
        {
            return FromEarlierAttempt(id, earlier);
        }

        // After the claim, so a re-run never counts the day twice nor posts; the day's entry is what the budget counts.
        BudgetVerdict verdict;
        try
        {
            verdict = await budget.ReserveAsync(id, request).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or IOException or HttpRequestException)
        {
            string message = $"The day's spend record could not be updated ({(e as Azure.RequestFailedException)?.ErrorCode ?? e.GetType().Name}); nothing was submitted. Start the generation again.";
            await RecordQuietlyAsync(new SubmissionRecord(id, SubmissionState.Rejected, time.GetUtcNow(), ErrorCode: GenerationErrorCodes.SubmissionError, ErrorMessage: message))
                .ConfigureAwait(false);
            return Refuse(id, GenerationErrorCodes.SubmissionError, message);
        }
        if (verdict is BudgetRefused refused)
        {
            await RecordQuietlyAsync(new SubmissionRecord(id, SubmissionState.Rejected, time.GetUtcNow(), ErrorCode: refused.ErrorCode, ErrorMessage: refused.Message))
                .ConfigureAwait(false);
            return new NotSubmitted(refused.ErrorCode, refused.Message) { ResetsAt = refused.RetryAt };
        }
        var reservedAt = ((BudgetAllowed)verdict).ReservedAt ?? time.GetUtcNow();

        RunwayTaskCreated created;
        try
        {
            created = await runway.CreateTaskAsync(request).ConfigureAwait(false);
        }
        catch (RunwayException e) when (e.Kind is RunwayErrorKind.Network or RunwayErrorKind.ServerError or RunwayErrorKind.Other)
        {
            // No definite answer: Runway may have created (and charged) the task. Leave the record at "submitting".
            logger.SubmissionUnconfirmed(id, e.Kind, e.Message);
            return Uncertain($"Runway did not confirm the submission ({e.Message}). A task may have been created; check the Runway dashboard before submitting again.");
        }
        catch (RunwayException e)
        {
            string code = GenerationErrorCodes.ForCreate(e.Kind);
            logger.SubmissionRejected(id, code, e.Message);
            await RecordQuietlyAsync(new SubmissionRecord(id, SubmissionState.Rejected, time.GetUtcNow(), ErrorCode: code, ErrorMessage: e.Message)).ConfigureAwait(false);
            await ReleaseQuietlyAsync(id, reservedAt).ConfigureAwait(false);
            DateTimeOffset? resetsAt = e.Kind == RunwayErrorKind.DailyLimitReached ? time.GetUtcNow() + (e.RetryAfter ?? TimeSpan.FromDays(1)) : null;
            return new NotSubmitted(code, resetsAt is { } at ? $"{e.Message} Resets by {at:yyyy-MM-dd HH:mm} UTC." : e.Message) { ResetsAt = resetsAt };
        }
        catch (RunwayApiKeyException e)
        {
            await ReleaseQuietlyAsync(id, reservedAt).ConfigureAwait(false);
            await RecordQuietlyAsync(new SubmissionRecord(id, SubmissionState.Rejected, time.GetUtcNow(),
                ErrorCode: GenerationErrorCodes.ApiKeyUnavailable, ErrorMessage: e.Message)).ConfigureAwait(false);
            return new NotSubmitted(GenerationErrorCodes.ApiKeyUnavailable, e.Message);
        }

        span?.SetTag(RunwayRelayTelemetry.RunwayTaskIdTag, created.Id);
        span?.SetTag(RunwayRelayTelemetry.ModelTag, request.Model);
        logger.SubmittedAs(id, created.Id);
        long? runwayEstimate = created.EstimatedCost is { } cost ? (long)Math.Ceiling(cost.Credits) : null;
        await RecordQuietlyAsync(new SubmissionRecord(id, SubmissionState.Submitted, time.GetUtcNow(), created.Id) { RunwayEstimatedCredits = runwayEstimate })
            .ConfigureAwait(false);
        if (runwayEstimate is { } credits)
        {
            await QuietlyAsync(() => budget.RecordRunwayEstimateAsync(id, reservedAt, verdict.EstimatedCredits, credits), id, "spend record").ConfigureAwait(false);
        }
        return new Submitted(created.Id) { RunwayEstimatedCredits = runwayEstimate, Prior = runTimes.PriorFor(request) };
    }

    /// <summary>Runway created nothing: the day's budget gets the estimate back.</summary>
    private Task ReleaseQuietlyAsync(string generationId, DateTimeOffset reservedAt) =>
        QuietlyAsync(() => budget.ReleaseAsync(generationId, reservedAt), generationId, "spend record");

    /// <summary>Book-keeping after Runway answered: its failure must not hide the answer from the orchestration.</summary>
    private async Task QuietlyAsync(Func<Task> write, string generationId, string what)
    {
        try
        {
            await write().ConfigureAwait(false);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or IOException or HttpRequestException)
        {
            logger.BookkeepingFailed(e, generationId, what);
        }
    }

    private async Task<RunwayGenerationRequest?> PrepareAsync(SubmitGenerationInput input)
    {
        if (input.Request is { } legacy)
        {
            return legacy;
        }
        if (await payloads.GetAsync(input.GenerationId).ConfigureAwait(false) is not { } payload)
        {
            return null;
        }
        return payload.Image is { } image && payload.Request is ImageToVideoRequest animate
            ? animate with { PromptImage = [new PromptImage(await images.LoadAsync(image).ConfigureAwait(false))] }
            : payload.Request;
    }

    private NotSubmitted Refuse(string generationId, string code, string message)
    {
        logger.NotSubmitted(generationId, code, message);
        return new NotSubmitted(code, message);
    }

    private SubmissionResult FromEarlierAttempt(string generationId, SubmissionRecord earlier)
    {
        switch (earlier.State)
        {
            case SubmissionState.Submitted when earlier.RunwayTaskId is not null:
                logger.AlreadySubmitted(generationId, earlier.RunwayTaskId);
                return new Submitted(earlier.RunwayTaskId) { RunwayEstimatedCredits = earlier.RunwayEstimatedCredits };
            case SubmissionState.Rejected:
                return new NotSubmitted(earlier.ErrorCode ?? GenerationErrorCodes.RunwayError, earlier.ErrorMessage ?? "Runway did not accept the generation.");
            default:
                logger.SubmissionInterrupted(generationId, earlier.UpdatedAt);
                return Uncertain($"An earlier submission attempt (started {earlier.UpdatedAt:O}) was interrupted before Runway's answer was recorded. " +
                    "A task may have been created; check the Runway dashboard before submitting again.");
        }
    }

    private static NotSubmitted Uncertain(string message) => new(GenerationErrorCodes.SubmissionUncertain, message);

    /// <summary>The task id must reach the orchestration even if the record cannot be written; losing it would orphan a paid task.</summary>
    private async Task RecordQuietlyAsync(SubmissionRecord record)
    {
        try
        {
            await ledger.RecordAsync(record).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or IOException or HttpRequestException)
        {
            logger.SubmissionRecordFailed(e, record.GenerationId, record.State);
        }
    }
}
