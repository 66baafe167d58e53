namespace RunwayRelay.IntegrationTests.Callbacks;

/// <summary>One call a <see cref="CallbackReceiver"/> took: the raw body, its Standard Webhooks headers, when it came.</summary>
internal sealed record ReceivedCallback(byte[] Body, string? Id, string? Timestamp, string? Signature, string? ContentType, DateTimeOffset At)
{
    /// <summary>The webhook headers as a receiver would hand them to a verifying library.</summary>
    public Dictionary<string, string> Headers => new()
    {
        [WebhookHeaders.Id] = Id ?? "",
        [WebhookHeaders.Timestamp] = Timestamp ?? "",
        [WebhookHeaders.Signature] = Signature ?? "",
    };
}
