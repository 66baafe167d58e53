using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunwayRelay.Generations;
using RunwayRelay.Orchestration;
using RunwayRelay.Runway;
using RunwayRelay.Runway.Pricing;
using RunwayRelay.Storage;
using RunwayRelay.Telemetry;

namespace RunwayRelay.Scheduling;

/// <summary>
/// Starts generations, for the HTTP API and the blob-upload starter alike: builds the orchestration input, reserves
/// the output name, stores the payload that must stay out of durable state, and schedules the orchestration once per
/// id, resolving repeats and conflicts. Nothing is scheduled unless the name is reserved for this generation, so no
/// two generations can be billed for one name.
/// </summary>
public sealed class GenerationScheduler(
    OutputNameReservations names,
    GenerationPayloadStore payloads,
    IOptionsMonitor<RunwayOptions> runway,
    TimeProvider time,
    ILogger<GenerationScheduler> logger)
{
    /// <summary>A reservation whose generation never started is taken over after this long (a crash between reserving and scheduling).</summary>
    internal static readonly TimeSpan UnstartedReservationAge = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A reservation this call made less than this long ago cannot have been taken over (that takes
    /// <see cref="UnstartedReservationAge"/> by the storage's clock), so it is not read back before starting: one storage
    /// round trip less on every POST. The margin covers clock skew between processes.
    /// </summary>
    internal static readonly TimeSpan FreshReservationAge = TimeSpan.FromSeconds(30);

    /// <summary>Statuses an instance id may not be reused from: all of them, so a key never starts a second generation.</summary>
    private static readonly OrchestrationRuntimeStatus[] NeverReuse =
    [
        OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended,
        OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated,
    ];

    /// <summary>Serializes check-then-start per id inside this process; across processes the payload's conditional create and the submission ledger guard.</summary>
    private readonly SemaphoreSlim[] _startLocks = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<ScheduleResult> ScheduleAsync(DurableTaskClient client, GenerationDraft draft, OutputNamePolicy policy,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(draft);
        string id = draft.GenerationId;

        var gate = _startLocks[(int)((uint)StringComparer.Ordinal.GetHashCode(id) % (uint)_startLocks.Length)];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!draft.IdIsNew && await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return Repeat(existing, draft, policy);
            }

            var reservingAt = time.GetUtcNow();
            var (name, reservedNow) = await ReserveNameAsync(client, draft, policy, cancellationToken).ConfigureAwait(false);
            if (name is null)
            {
                return Taken(draft);
            }

            var input = CreateInput(draft, name);
            var earlier = await payloads.TryCreateAsync(id, new GenerationPayload(draft.Request, input.RequestSha256!, draft.CallbackUrl, draft.Image, draft.StatusUrl),
                cancellationToken).ConfigureAwait(false);
            var undo = new Undo(names, payloads, id, name, reservedNow, payloadWritten: earlier is null);
            if (earlier is not null && earlier.RequestSha256 != input.RequestSha256)
            {
                // Another process is starting a different request under the same id; it keeps what it wrote.
                await undo.RunAsync(keepPayload: true).ConfigureAwait(false);
                logger.IdConflict(id);
                return new IdConflict(id);
            }
            if (!(reservedNow && time.GetUtcNow() - reservingAt < FreshReservationAge)
                && (await names.GetAsync(name, cancellationToken).ConfigureAwait(false))?.GenerationId != id)
            {
                // Taken over while this request was slow: starting now would bill two generations for one name.
                await undo.RunAsync(keepPayload: false).ConfigureAwait(false);
                return Taken(draft);
            }

            try
            {
                var options = new StartOrchestrationOptions(id).WithDedupeStatuses(NeverReuse);
                await client.ScheduleNewOrchestrationInstanceAsync(GenerationTasks.Orchestrator, input, options, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Another process started the same id between our read and our start: the store refused the second one.
                existing = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
                if (existing is null)
                {
                    // Nothing started: free the name and drop the payload (it holds the callback URL) rather than leave them behind.
                    await undo.RunAsync(keepPayload: false).ConfigureAwait(false);
                    throw;
                }
                logger.ConcurrentStart(id, e.GetType().Name);
                return Repeat(existing, draft, policy);
            }
            logger.Scheduled(id, draft.Request.Endpoint, draft.Request.Model, name);
            RunwayRelayMetrics.GenerationsStarted.Add(1, new KeyValuePair<string, object?>(RunwayRelayTelemetry.ModelTag, draft.Request.Model));
            if (input.EstimatedCredits is { } estimate)
            {
                RunwayRelayMetrics.CreditsEstimated.Add(estimate, new KeyValuePair<string, object?>(RunwayRelayTelemetry.ModelTag, draft.Request.Model));
            }
            return new Scheduled(input);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary><c>{id}.mp4</c>, or <c>{id}.png</c> for text_to_image.</summary>
    public static string DefaultOutputBlobName(string id, RunwayGenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return id + (request is TextToImageRequest ? ".png" : ".mp4");
    }

    private GenerationInput CreateInput(GenerationDraft draft, string outputBlobName)
    {
        var settings = runway.CurrentValue;
        return new GenerationInput
        {
            GenerationId = draft.GenerationId,
            OutputBlobName = outputBlobName,
            AcceptedAt = time.GetUtcNow(),
            Polling = new PollingSchedule(settings.PollInterval, settings.MaxPollInterval, settings.Timeout),
            Model = draft.Request.Model,
            // The HTTP start's span (or whatever started it), so every execution's activities share its trace.
            TraceParent = System.Diagnostics.Activity.Current?.Id,
            PromptSha256 = PromptHash.Of(draft.Request.PromptText),
            RequestSha256 = RequestFingerprint.Of(draft.Request, outputBlobName, draft.CallbackUrl),
            HasCallback = draft.CallbackUrl is not null,
            CallbackEvents = draft.CallbackUrl is null ? null : draft.CallbackEvents,
            EstimatedCredits = ModelCreditRates.Estimate(draft.Request),
            ReleaseStartsCallback = true,
        };
    }

    private OutputNameTaken Taken(GenerationDraft draft)
    {
        string asked = draft.OutputBlobName ?? DefaultOutputBlobName(draft.GenerationId, draft.Request);
        logger.OutputNameTaken(draft.GenerationId, asked);
        return new OutputNameTaken(draft.GenerationId, asked);
    }

    /// <summary>The name reserved for the generation (null when none could be) and whether this call made the reservation.</summary>
    private async Task<(string? Name, bool ReservedNow)> ReserveNameAsync(DurableTaskClient client, GenerationDraft draft, OutputNamePolicy policy,
        CancellationToken cancellationToken)
    {
        string id = draft.GenerationId;
        string name = draft.OutputBlobName ?? DefaultOutputBlobName(id, draft.Request);
        Func<OutputNameReservation, CancellationToken, Task<bool>> abandoned = (held, ct) => IsAbandonedAsync(client, held, ct);
        var reservation = await names.TryReserveAsync(name, id, abandoned, cancellationToken).ConfigureAwait(false);
        if (reservation != NameReservation.Taken)
        {
            return (name, reservation == NameReservation.Reserved);
        }
        string own = OutputNames.WithIdSuffix(name, id);
        if (policy != OutputNamePolicy.SuffixWhenTaken || Http.GenerationRequestMapper.BlobNameProblem(own) is not null)
        {
            // A name of the upload's own that Azure would refuse (too long) would fail only at the copy, after payment.
            return (null, false);
        }
        reservation = await names.TryReserveAsync(own, id, abandoned, cancellationToken).ConfigureAwait(false);
        return reservation == NameReservation.Taken ? (null, false) : (own, reservation == NameReservation.Reserved);
    }

    /// <summary>Takes back what a schedule attempt that did not start wrote: the name it reserved, and the payload it stored.</summary>
    private readonly struct Undo(OutputNameReservations names, GenerationPayloadStore payloads, string id, string name, bool reservedNow, bool payloadWritten)
    {
        public async Task RunAsync(bool keepPayload)
        {
            if (reservedNow)
            {
                await names.ReleaseAsync(name, id).ConfigureAwait(false);
            }
            if (payloadWritten && !keepPayload)
            {
                await payloads.DeleteAsync(id).ConfigureAwait(false);
            }
        }
    }

    private async Task<bool> IsAbandonedAsync(DurableTaskClient client, OutputNameReservation held, CancellationToken cancellationToken)
    {
        var holder = await client.GetInstanceAsync(held.GenerationId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        bool abandoned = holder is null
            ? time.GetUtcNow() - held.ReservedAt > UnstartedReservationAge
            : DurableMetadata.HasEnded(holder.RuntimeStatus);
        if (abandoned)
        {
            logger.ReservationTakenOver(held.OutputBlobName, held.GenerationId);
        }
        return abandoned;
    }

    /// <summary>The same answer as the first time, unless the id comes back with a different request.</summary>
    private ScheduleResult Repeat(OrchestrationMetadata existing, GenerationDraft draft, OutputNamePolicy policy)
    {
        string id = draft.GenerationId;
        if (policy == OutputNamePolicy.SuffixWhenTaken)
        {
            // An upload's id is its blob version: the same id is the same upload, whatever name it ended up with.
            return new AlreadyScheduled(id);
        }
        GenerationInput? original = null;
        if (existing.Name == GenerationTasks.Orchestrator)
        {
            try
            {
                original = existing.ReadInputAs<GenerationInput>();
            }
            catch (Exception e) when (DurableMetadata.IsUnreadable(e))
            {
                logger.InputUnreadable(id, e.GetType().Name);
            }
        }
        string? theirs = original?.RequestSha256
            ?? (original?.Request is { } legacy ? RequestFingerprint.Of(legacy, original.OutputBlobName, original.CallbackUrl) : null);
        string mine = RequestFingerprint.Of(draft.Request, draft.OutputBlobName ?? DefaultOutputBlobName(id, draft.Request), draft.CallbackUrl);
        if (theirs != mine)
        {
            logger.IdConflict(id);
            return new IdConflict(id);
        }
        logger.Repeated(id);
        return new AlreadyScheduled(id);
    }
}
