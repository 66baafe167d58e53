using System.Text.Json.Serialization;
using RunwayRelay.Runway;

namespace RunwayRelay.Generations;

/// <summary>
/// Input of <c>GenerateVideoOrchestrator</c>; the orchestration instance id is <see cref="GenerationId"/>. It holds only
/// ids, names, hashes and small settings: the request itself (its media, any URL with a query string) and the callback
/// URL are kept in the payload store, written before the orchestration starts and read by the activities that need
/// them, so nothing secret or bulky is copied into history on every <c>ContinueAsNew</c>.
/// </summary>
public sealed record GenerationInput
{
    public required string GenerationId { get; init; }

    /// <summary>Blob name (in <c>Output__Container</c>) of the first output; more outputs get <c>-1</c>, <c>-2</c>... before the extension. Reserved at acceptance.</summary>
    public required string OutputBlobName { get; init; }

    public required DateTimeOffset AcceptedAt { get; init; }

    /// <summary>Snapshot of the Runway__PollInterval/MaxPollInterval/Timeout settings taken at the door, so replays are deterministic.</summary>
    public required PollingSchedule Polling { get; init; }

    /// <summary>The Runway model, recorded on the stored video.</summary>
    public string? Model { get; init; }

    /// <summary>SHA-256 of the prompt text, recorded on the stored video instead of the prompt.</summary>
    public string? PromptSha256 { get; init; }

    /// <summary>SHA-256 of what makes two requests the same (request, output name, callback URL): an Idempotency-Key repeat is compared by it.</summary>
    public string? RequestSha256 { get; init; }

    /// <summary>The credits this service estimated at the door (<c>ModelCreditRates</c>); null for a model without a rate or a generation started before estimates.</summary>
    public long? EstimatedCredits { get; init; }

    /// <summary>Whether the payload store holds a callback URL to notify when the generation ends.</summary>
    public bool HasCallback { get; init; }

    /// <summary>The running and progress callback events asked for (<c>callbackEvents</c>); null for none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CallbackEventSubscription? CallbackEvents { get; init; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the request that started the generation (trace id, span id and flags: nothing
    /// secret). The orchestration passes it to its activities, whose spans then stay in that trace after
    /// <c>ContinueAsNew</c>, which the durable engine starts without one. Null in generations started before it existed.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TraceParent { get; init; }

    /// <summary>
    /// True in executions started by this version (the scheduler and every <c>ContinueAsNew</c> set it): the finish
    /// starts the callback's delivery inside the release activity. False (absent) in an execution an earlier version
    /// started, which replays its two finishing activities as it recorded them.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ReleaseStartsCallback { get; init; }

    /// <summary>
    /// Set by the orchestrator itself when it continues as new after a poll: where the generation is. Null on the first
    /// execution. Callers starting a generation leave it null.
    /// </summary>
    public GenerationCheckpoint? Checkpoint { get; init; }

    /// <summary>
    /// Only in generations started before payloads moved out of durable state (same JSON name as then, so they still
    /// finish): the request itself. Never set for new ones.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RunwayGenerationRequest? Request { get; init; }

    /// <summary>Only in generations started before payloads moved out of durable state: the callback URL. Never set for new ones.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Uri? CallbackUrl { get; init; }

    /// <summary>
    /// The same input without the legacy request (its model and prompt hash kept): after submission nothing but the
    /// task id and what the copy needs travels on. The legacy callback URL stays until the end: there is nowhere else.
    /// </summary>
    public GenerationInput WithoutLegacyRequest() => Request is null
        ? this
        : this with
        {
            Request = null,
            Model = Model ?? Request.Model,
            PromptSha256 = PromptSha256 ?? PromptHash.Of(Request.PromptText),
            HasCallback = HasCallback || CallbackUrl is not null,
            RequestSha256 = RequestSha256 ?? Scheduling.RequestFingerprint.Of(Request, OutputBlobName, CallbackUrl),
        };
}
