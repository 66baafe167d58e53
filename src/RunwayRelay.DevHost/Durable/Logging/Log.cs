using Microsoft.Extensions.Logging;

namespace RunwayRelay.DevHost.Durable;

/// <summary>Every log line of the DevHost's durable sidecar. Event ids 440-449 (the app's ranges are unique per area).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 440, Level = LogLevel.Information, Message = "Durable task hub {TaskHub} on {Storage}")]
    public static partial void TaskHubStarted(this ILogger logger, string taskHub, string storage);
}
