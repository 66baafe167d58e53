namespace RunwayRelay.DevHost.Runway;

/// <summary>The DevHost's Runway start-up messages (event ids 800-849): the key's fingerprint, never the key.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 800, Level = LogLevel.Information, Message = "Runway API key ready (fingerprint {Fingerprint})")]
    public static partial void RunwayApiKeyReady(this ILogger logger, string fingerprint);
}
