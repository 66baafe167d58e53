using Microsoft.Extensions.Logging;

namespace RunwayRelay.Callbacks;

/// <summary>
/// The callbacks area's log messages (event ids 700-749). Only the callback URL's host is ever logged: its path and
/// query may carry the caller's token.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "Generation {GenerationId}: callback to {Host} not sent: {Reason}")]
    public static partial void CallbackNotAllowed(this ILogger logger, string generationId, string host, string reason);

    [LoggerMessage(EventId = 701, Level = LogLevel.Error, Message = "Generation {GenerationId}: callback not sent: Callbacks__SigningSecret is not set")]
    public static partial void CallbackNotSignable(this ILogger logger, string generationId);

    [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "Generation {GenerationId}: callback to {Host} got no answer ({Error})")]
    public static partial void CallbackNoAnswer(this ILogger logger, string generationId, string host, string error);

    [LoggerMessage(EventId = 703, Level = LogLevel.Information, Message = "Generation {GenerationId}: callback to {Host} answered {Status} ({Outcome})")]
    public static partial void CallbackAnswered(this ILogger logger, string generationId, string host, int status, CallbackAttemptOutcome outcome);
}
