using RunwayRelay.Generations;

namespace RunwayRelay.Orchestration;

/// <summary>The JSON body of a completion callback.</summary>
public sealed record CompletionNotice(
    string GenerationId,
    string Status,
    string? RunwayTaskId,
    IReadOnlyList<StoredVideo> Videos,
    string? ErrorCode,
    string? ErrorMessage,
    DateTimeOffset CompletedAt);
