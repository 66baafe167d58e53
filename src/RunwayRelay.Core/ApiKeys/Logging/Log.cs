using Microsoft.Extensions.Logging;

namespace RunwayRelay.ApiKeys;

/// <summary>The key provider's log messages (event ids 100-149): the key's fingerprint and source, never the key.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Runway API key sha256:{Fingerprint} read from {Source}")]
    public static partial void RunwayApiKeyRead(this ILogger logger, string fingerprint, string source);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Runway API key changed from sha256:{OldFingerprint} to sha256:{Fingerprint} (read from {Source})")]
    public static partial void RunwayApiKeyRotated(this ILogger logger, string oldFingerprint, string fingerprint, string source);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Runway API key sha256:{Fingerprint} invalidated; the next call reads it again")]
    public static partial void RunwayApiKeyInvalidated(this ILogger logger, string fingerprint);
}
