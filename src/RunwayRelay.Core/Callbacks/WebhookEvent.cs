namespace RunwayRelay.Callbacks;

/// <summary>
/// The body of a callback in the Standard Webhooks' recommended shape. A Logic Apps subscription's callback is the
/// exception: it gets the status body a GET answers, because Logic Apps reads that body as the action's result.
/// </summary>
public sealed record WebhookEvent<TData>(string Type, DateTimeOffset Timestamp, TData Data);
