namespace RunwayRelay.DevHost.Access;

/// <summary>The DevHost's access checks (event ids 860-869). Never the key, nor the request's query string.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 860, Level = LogLevel.Warning, Message = "Refused {Method} {Path} from {Remote}: missing or wrong DevHost API key")]
    public static partial void Refused(this ILogger logger, string method, string path, string remote);
}
