using System.Globalization;

namespace RunwayRelay.Callbacks;

/// <summary>
/// <c>webhook-id</c> values: derived from the generation, the event and its sequence number, so every retry and every
/// redelivery of one event carries the same id (receivers deduplicate by it) without the id being stored anywhere.
/// </summary>
public static class WebhookIds
{
    public static string For(string generationId, string eventType, int sequence = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(generationId);
        ArgumentException.ThrowIfNullOrEmpty(eventType);
        string key = string.Create(CultureInfo.InvariantCulture, $"{generationId}\n{eventType}\n{sequence}");
        return "msg_" + Sha256Hex.Of(key, 32);
    }
}
