using Microsoft.Extensions.Logging;
using RunwayRelay.Runway;

namespace RunwayRelay.Http;

/// <summary>
/// The HTTP API's log messages (event ids 600-699). Callback URLs are logged by host only: a Logic Apps callback URL
/// carries its sig= token in the query.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Warning, Message = "POST {Path} refused: body larger than {Limit} bytes")]
    public static partial void BodyTooLarge(this ILogger logger, string path, long limit);

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "POST generations refused: invalid {Fields}")]
    public static partial void StartInvalid(this ILogger logger, string fields);

    [LoggerMessage(EventId = 602, Level = LogLevel.Information, Message = "POST generations/subscribe refused: invalid {Fields}")]
    public static partial void SubscribeInvalid(this ILogger logger, string fields);

    [LoggerMessage(EventId = 603, Level = LogLevel.Information, Message = "Generation {GenerationId}: webhook subscribed for callback host {Host} ({Result})")]
    public static partial void Subscribed(this ILogger logger, string generationId, string host, string result);

    [LoggerMessage(EventId = 604, Level = LogLevel.Information, Message = "Generation {GenerationId}: unsubscribe for callback host {Host}, nothing subscribed")]
    public static partial void UnsubscribeUnknown(this ILogger logger, string generationId, string host);

    [LoggerMessage(EventId = 605, Level = LogLevel.Information, Message = "Generation {GenerationId}: unsubscribed by callback host {Host}; cancel requested")]
    public static partial void Unsubscribed(this ILogger logger, string generationId, string host);

    [LoggerMessage(EventId = 606, Level = LogLevel.Information, Message = "Generation {GenerationId}: cancel requested")]
    public static partial void CancelRequested(this ILogger logger, string generationId);

    [LoggerMessage(EventId = 607, Level = LogLevel.Information, Message = "Generation {GenerationId} refused at the door: {Code} (estimate {Estimate} credits)")]
    public static partial void OverBudget(this ILogger logger, string generationId, string code, long? estimate);

    [LoggerMessage(EventId = 608, Level = LogLevel.Information, Message = "Generation {GenerationId}: callback redelivery requested")]
    public static partial void Redelivering(this ILogger logger, string generationId);

    /// <summary><paramref name="part"/>: output, input, custom status or callback delivery state.</summary>
    [LoggerMessage(EventId = 609, Level = LogLevel.Warning, Message = "Generation {GenerationId}: {Part} unreadable ({Error})")]
    public static partial void Unreadable(this ILogger logger, string generationId, string part, string error);

    [LoggerMessage(EventId = 610, Level = LogLevel.Warning, Message = "Usage report: Runway's usage could not be read ({Kind})")]
    public static partial void UsageUnavailable(this ILogger logger, RunwayErrorKind kind);
}
