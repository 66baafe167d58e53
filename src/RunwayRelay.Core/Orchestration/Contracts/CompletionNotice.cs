using RunwayRelay.Generations;

namespace RunwayRelay.Orchestration;

/// <summary>The JSON body of a completion callback.</summary>
public sealed record CompletionNotice(
    string GenerationId,
    GenerationPhase Status,
    string? RunwayTaskId,
    IReadOnlyList<StoredVideo> Videos,
    string? ErrorCode,
    string? ErrorMessage,
    DateTimeOffset CompletedAt)
{
    /// <summary>The outcome's money fields, so a subscribe callback's body is exactly what GET answers.</summary>
    public long? EstimatedCredits { get; init; }

    public long? CreditsSpent { get; init; }

    public DateTimeOffset? ResetsAt { get; init; }

    /// <summary>The notice for <paramref name="outcome"/>: the orchestrator's when the generation ends, and a redelivery's when none was kept.</summary>
    public static CompletionNotice For(string generationId, GenerationOutcome outcome, DateTimeOffset completedAt)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new CompletionNotice(generationId, outcome.Status, outcome.RunwayTaskId, outcome.Videos, outcome.ErrorCode, outcome.ErrorMessage, completedAt)
        {
            EstimatedCredits = outcome.EstimatedCredits,
            CreditsSpent = outcome.CreditsSpent,
            ResetsAt = outcome.ResetsAt,
        };
    }
}
