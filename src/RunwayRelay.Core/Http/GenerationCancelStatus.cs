using System.Text.Json.Serialization;

namespace RunwayRelay.Http;

/// <summary>
/// The <c>status</c> of <see cref="GenerationCancelResponse"/>: the cancel under way, no generation for an unsubscribe's
/// callback URL, or the generation's final status once it has ended. JSON is the member's name.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<GenerationCancelStatus>))]
public enum GenerationCancelStatus
{
    /// <summary>202 from DELETE, 200 from unsubscribe: the cancel is being carried out.</summary>
    Cancelling,

    /// <summary>An unsubscribe whose callback URL names no generation.</summary>
    NotSubscribed,

    Succeeded,
    Failed,
    Cancelled,
    TimedOut,
}
