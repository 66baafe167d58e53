using RunwayRelay.Callbacks;

namespace RunwayRelay.Orchestration;

/// <summary>
/// Input of <see cref="DeliverCallbackActivity"/>: one attempt at one event. The completed event carries
/// <see cref="Notice"/>; running and progress events carry <see cref="Progress"/>.
/// </summary>
public sealed record DeliverCallbackInput(
    string GenerationId,
    string WebhookId,
    string EventType,
    DateTimeOffset Timestamp,
    CompletionNotice? Notice = null,
    ProgressNotice? Progress = null);
