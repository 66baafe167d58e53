namespace RunwayRelay.Callbacks;

/// <summary>The Standard Webhooks headers every callback carries.</summary>
public static class WebhookHeaders
{
    /// <summary>Stable across every retry (and redelivery) of one event: receivers deduplicate by it.</summary>
    public const string Id = "webhook-id";

    /// <summary>Unix seconds of this attempt; receivers reject old ones (replays).</summary>
    public const string Timestamp = "webhook-timestamp";

    /// <summary>Space-separated <c>v1,&lt;base64 HMAC-SHA256 of "id.timestamp.body"&gt;</c>, one per active secret.</summary>
    public const string Signature = "webhook-signature";
}
