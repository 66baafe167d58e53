using System.Text.Json.Serialization;

namespace RunwayRelay.Callbacks;

/// <summary>Where the delivery of a generation's completion callback is (<c>callback.state</c> in the status answer).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CallbackDeliveryState>))]
public enum CallbackDeliveryState
{
    /// <summary>Not attempted yet.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,

    /// <summary>Attempted without success; the next attempt is at <c>nextAttemptAt</c>.</summary>
    [JsonStringEnumMemberName("retrying")]
    Retrying,

    [JsonStringEnumMemberName("delivered")]
    Delivered,

    /// <summary>Given up: refused by the receiver (4xx), not sendable, or the retry window ended.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>The receiver answered 410 Gone; nothing more is sent.</summary>
    [JsonStringEnumMemberName("gone")]
    Gone,
}
