using Microsoft.Extensions.Logging;

namespace RunwayRelay.Hosting;

/// <summary>The hosts' start-up messages (event ids 850-859).</summary>
internal static partial class Log
{
    /// <summary>One line of <see cref="InvalidSettings.Describe"/>, as it is also written to stderr.</summary>
    [LoggerMessage(EventId = 850, Level = LogLevel.Critical, Message = "{Line}")]
    public static partial void InvalidSetting(this ILogger logger, string line);
}
