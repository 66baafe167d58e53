using RunwayRelay.Runway;

namespace RunwayRelay.Generations;

/// <summary>
/// Input of <c>GenerateVideoOrchestrator</c>; the orchestration instance id is <see cref="GenerationId"/>.
/// Holds nothing secret: no API key, no signed URL.
/// </summary>
public sealed record GenerationInput
{
    public required string GenerationId { get; init; }

    public required RunwayGenerationRequest Request { get; init; }

    /// <summary>Blob name (in <c>Output__Container</c>) of the first output; more outputs get <c>-1</c>, <c>-2</c>... before the extension.</summary>
    public required string OutputBlobName { get; init; }

    /// <summary>Where to POST the signed completion notice; null for none.</summary>
    public Uri? CallbackUrl { get; init; }

    public required DateTimeOffset AcceptedAt { get; init; }

    /// <summary>Snapshot of the Runway__PollInterval/MaxPollInterval/Timeout settings taken at the door, so replays are deterministic.</summary>
    public required PollingSchedule Polling { get; init; }

    /// <summary>
    /// Set by the orchestrator itself when it continues as new after a poll: where the generation is. Null on the first
    /// execution. Callers starting a generation leave it null.
    /// </summary>
    public GenerationCheckpoint? Checkpoint { get; init; }
}

/// <summary>State carried across <c>ContinueAsNew</c>: the submitted task and how far polling got.</summary>
public sealed record GenerationCheckpoint(
    string RunwayTaskId,
    int PollCount,
    string? LastRunwayStatus,
    double? LastProgress);

public sealed record PollingSchedule(TimeSpan Interval, TimeSpan MaxInterval, TimeSpan Timeout);

/// <summary>External events the orchestration listens for.</summary>
public static class GenerationEvents
{
    /// <summary>Raised by <c>DELETE /api/generations/{id}</c>: the orchestration cancels the Runway task and ends Cancelled.</summary>
    public const string Cancel = "cancel";
}

/// <summary>Where a generation is; exposed as the orchestration's custom status and by <c>GET /api/generations/{id}</c>.</summary>
public static class GenerationPhase
{
    public const string Accepted = "Accepted";
    public const string Submitted = "Submitted";
    public const string Queued = "Queued";
    public const string Running = "Running";
    public const string Copying = "Copying";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Cancelled = "Cancelled";
    public const string TimedOut = "TimedOut";
}

/// <summary>
/// Custom status of a running generation. Once the generation has ended, <see cref="Outcome"/> holds what the
/// orchestration will return, so the status endpoint answers with it while a completion callback is still being
/// delivered.
/// </summary>
public sealed record GenerationProgress(
    string Phase,
    string? RunwayTaskId,
    string? RunwayStatus,
    double? Progress,
    DateTimeOffset UpdatedAt,
    GenerationOutcome? Outcome = null);

/// <summary>One output copied into Blob Storage.</summary>
public sealed record StoredVideo(string Name, Uri BlobUrl, long Size, string ContentType)
{
    /// <summary>A read-only, expiring link added by the status endpoint when the storage can sign one; never stored.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Uri? DownloadUrl { get; init; }
}

/// <summary>
/// Output of the orchestration. Failures end the orchestration normally with <see cref="Status"/> Failed, Cancelled or
/// TimedOut and Runway's code and message, so the status endpoint can answer problem+json without parsing exceptions.
/// </summary>
public sealed record GenerationOutcome(
    string Status,
    string? RunwayTaskId,
    IReadOnlyList<StoredVideo> Videos,
    string? ErrorCode = null,
    string? ErrorMessage = null);
