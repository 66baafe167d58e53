using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using RunwayRelay.ApiKeys;
using RunwayRelay.Callbacks;
using RunwayRelay.Generations;
using RunwayRelay.Runway;
using RunwayRelay.Storage;

namespace RunwayRelay.Orchestration;

/// <summary>Step 2: the key can be read and is well formed. Returns only its fingerprint and source.</summary>
public sealed class EnsureApiKeyActivity(IRunwayApiKeyProvider keys, ILogger<EnsureApiKeyActivity> logger) : TaskActivity<string, ApiKeyCheck>
{
    public override async Task<ApiKeyCheck> RunAsync(TaskActivityContext context, string generationId)
    {
        try
        {
            var key = await keys.GetAsync().ConfigureAwait(false);
            logger.LogInformation("Generation {GenerationId}: Runway API key sha256:{Fingerprint} from {Source}", generationId, key.Fingerprint, key.Source);
            return new ApiKeyCheck(true, key.Fingerprint, key.Source, null);
        }
        catch (RunwayApiKeyException e)
        {
            // The provider's messages are written to be key-free and actionable.
            logger.LogError("Generation {GenerationId}: Runway API key unavailable: {Reason}", generationId, e.Message);
            return new ApiKeyCheck(false, null, null, e.Message);
        }
    }
}

/// <summary>
/// Step 3: submits the generation once. A submission record written before the POST turns the engine's at-least-once
/// activity execution into at-most-once submission: a re-run finds the record and never posts again.
/// </summary>
public sealed class SubmitGenerationActivity(RunwayClient runway, SubmissionLedger ledger, TimeProvider time, ILogger<SubmitGenerationActivity> logger)
    : TaskActivity<SubmitGenerationInput, SubmissionResult>
{
    public override async Task<SubmissionResult> RunAsync(TaskActivityContext context, SubmitGenerationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var earlier = await ledger.TryClaimAsync(input.GenerationId, time.GetUtcNow()).ConfigureAwait(false);
        if (earlier is not null)
        {
            return FromEarlierAttempt(input.GenerationId, earlier);
        }

        RunwayTaskCreated created;
        try
        {
            created = await runway.CreateTaskAsync(input.Request).ConfigureAwait(false);
        }
        catch (RunwayException e) when (e.Kind is RunwayErrorKind.Network or RunwayErrorKind.ServerError or RunwayErrorKind.Other)
        {
            // No definite answer: Runway may have created (and charged) the task. Leave the record at "submitting".
            logger.LogError("Generation {GenerationId}: Runway did not confirm the submission ({Kind}): {Message}", input.GenerationId, e.Kind, e.Message);
            return Uncertain($"Runway did not confirm the submission ({e.Message}). A task may have been created; check the Runway dashboard before submitting again.");
        }
        catch (RunwayException e)
        {
            string code = GenerationErrorCodes.ForCreate(e.Kind);
            logger.LogWarning("Generation {GenerationId}: Runway rejected the submission with {Code}: {Message}", input.GenerationId, code, e.Message);
            await RecordQuietlyAsync(new SubmissionRecord(input.GenerationId, SubmissionRecord.Rejected, time.GetUtcNow(), ErrorCode: code, ErrorMessage: e.Message)).ConfigureAwait(false);
            return new SubmissionResult(null, code, e.Message);
        }
        catch (RunwayApiKeyException e)
        {
            await RecordQuietlyAsync(new SubmissionRecord(input.GenerationId, SubmissionRecord.Rejected, time.GetUtcNow(),
                ErrorCode: GenerationErrorCodes.ApiKeyUnavailable, ErrorMessage: e.Message)).ConfigureAwait(false);
            return new SubmissionResult(null, GenerationErrorCodes.ApiKeyUnavailable, e.Message);
        }

        logger.LogInformation("Generation {GenerationId}: submitted as Runway task {RunwayTaskId}", input.GenerationId, created.Id);
        await RecordQuietlyAsync(new SubmissionRecord(input.GenerationId, SubmissionRecord.Submitted, time.GetUtcNow(), created.Id)).ConfigureAwait(false);
        return new SubmissionResult(created.Id);
    }

    private SubmissionResult FromEarlierAttempt(string generationId, SubmissionRecord earlier)
    {
        switch (earlier.State)
        {
            case SubmissionRecord.Submitted when earlier.RunwayTaskId is not null:
                logger.LogWarning("Generation {GenerationId}: already submitted as Runway task {RunwayTaskId}; not posting again", generationId, earlier.RunwayTaskId);
                return new SubmissionResult(earlier.RunwayTaskId);
            case SubmissionRecord.Rejected:
                return new SubmissionResult(null, earlier.ErrorCode ?? GenerationErrorCodes.RunwayError, earlier.ErrorMessage);
            default:
                logger.LogError("Generation {GenerationId}: an earlier submission attempt started at {StartedAt} and left no task id; not posting again", generationId, earlier.UpdatedAt);
                return Uncertain($"An earlier submission attempt (started {earlier.UpdatedAt:O}) was interrupted before Runway's answer was recorded. " +
                    "A task may have been created; check the Runway dashboard before submitting again.");
        }
    }

    private static SubmissionResult Uncertain(string message) => new(null, GenerationErrorCodes.SubmissionUncertain, message);

    /// <summary>The task id must reach the orchestration even if the record cannot be written; losing it would orphan a paid task.</summary>
    private async Task RecordQuietlyAsync(SubmissionRecord record)
    {
        try
        {
            await ledger.RecordAsync(record).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or IOException or HttpRequestException)
        {
            logger.LogWarning(e, "Generation {GenerationId}: could not update the submission record to {State}", record.GenerationId, record.State);
        }
    }
}

/// <summary>Step 4: one status read. Returns the status, progress and failure, never the output URLs.</summary>
public sealed class ReadRunwayTaskActivity(RunwayClient runway, ILogger<ReadRunwayTaskActivity> logger) : TaskActivity<string, RunwayTaskSnapshot>
{
    public override async Task<RunwayTaskSnapshot> RunAsync(TaskActivityContext context, string runwayTaskId)
    {
        try
        {
            var task = await runway.GetTaskAsync(runwayTaskId).ConfigureAwait(false);
            return new RunwayTaskSnapshot(task.Status, task.Progress, task.Failure, task.FailureCode);
        }
        catch (RunwayException e) when (e.IsTransient)
        {
            logger.LogWarning("Runway task {RunwayTaskId}: status read failed ({Kind}); polling on", runwayTaskId, e.Kind);
            return new RunwayTaskSnapshot(null, TransientError: e.Message);
        }
        catch (RunwayException e) when (e.Kind == RunwayErrorKind.NotFound)
        {
            return new RunwayTaskSnapshot(null, FatalErrorCode: GenerationErrorCodes.RunwayTaskNotFound,
                FatalErrorMessage: $"Runway no longer knows task {runwayTaskId}: it was cancelled or deleted outside RunwayRelay.");
        }
        catch (RunwayException e)
        {
            return new RunwayTaskSnapshot(null, FatalErrorCode: GenerationErrorCodes.ForCreate(e.Kind), FatalErrorMessage: e.Message);
        }
        catch (RunwayApiKeyException e)
        {
            return new RunwayTaskSnapshot(null, FatalErrorCode: GenerationErrorCodes.ApiKeyUnavailable, FatalErrorMessage: e.Message);
        }
    }
}

/// <summary>
/// Step 5: reads the task again for fresh signed URLs (they never leave this activity) and streams each output into
/// Blob Storage. Safe to run twice: an output already stored for this task is not copied again.
/// </summary>
public sealed class CopyOutputsActivity(RunwayClient runway, BlobVideoStore store, ILogger<CopyOutputsActivity> logger)
    : TaskActivity<CopyOutputsInput, IReadOnlyList<StoredVideo>>
{
    public override async Task<IReadOnlyList<StoredVideo>> RunAsync(TaskActivityContext context, CopyOutputsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var task = await runway.GetTaskAsync(input.RunwayTaskId).ConfigureAwait(false);
        if (task.Status != RunwayTaskStatus.Succeeded || task.Output is not { Count: > 0 } outputs)
        {
            throw new VideoCopyException($"Runway task {input.RunwayTaskId} is {task.Status} with no outputs to copy.");
        }

        var metadata = new VideoMetadata(input.RunwayTaskId, input.Model, input.GenerationId, input.PromptSha256);
        var stored = new List<StoredVideo>(outputs.Count);
        for (int i = 0; i < outputs.Count; i++)
        {
            if (!Uri.TryCreate(outputs[i], UriKind.Absolute, out var source) || source.Scheme is not ("https" or "http"))
            {
                throw new VideoCopyException($"Runway task {input.RunwayTaskId} output {i} is not an http(s) URL.");
            }
            string name = OutputNames.For(input.OutputBlobName, i);
            logger.LogInformation("Generation {GenerationId}: copying output {Index} of {Count} from {Host} to {BlobName}",
                input.GenerationId, i + 1, outputs.Count, source.Host, name);
            stored.Add(await store.CopyAsync(source, name, metadata).ConfigureAwait(false));
        }
        return stored;
    }
}

/// <summary>Cancels the Runway task (a task already gone counts as cancelled).</summary>
public sealed class CancelRunwayTaskActivity(RunwayClient runway, ILogger<CancelRunwayTaskActivity> logger) : TaskActivity<string, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, string runwayTaskId)
    {
        await runway.CancelTaskAsync(runwayTaskId).ConfigureAwait(false);
        logger.LogInformation("Runway task {RunwayTaskId} cancelled", runwayTaskId);
        return true;
    }
}

/// <summary>Posts the signed completion notice. Throws on answers worth retrying; returns the reason for permanent failures.</summary>
public sealed class SendCallbackActivity(CompletionCallbackSender sender) : TaskActivity<SendCallbackInput, CallbackResult>
{
    public override Task<CallbackResult> RunAsync(TaskActivityContext context, SendCallbackInput input) => sender.SendAsync(input);
}

/// <summary>Blob names of the outputs: the first keeps the requested name, the next get <c>-1</c>, <c>-2</c>... before the extension.</summary>
public static class OutputNames
{
    public static string For(string baseName, int index)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(baseName);
        if (index == 0)
        {
            return baseName;
        }
        int slash = baseName.LastIndexOf('/');
        int dot = baseName.LastIndexOf('.');
        return dot > slash + 1
            ? $"{baseName[..dot]}-{index}{baseName[dot..]}"
            : $"{baseName}-{index}";
    }
}
