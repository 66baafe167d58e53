using Microsoft.Extensions.Logging;

namespace RunwayRelay.Storage;

/// <summary>The storage area's log messages (event ids 500-519). Never a source URL: only its host.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Information,
        Message = "Output blob {BlobName} already holds Runway task {RunwayTaskId}'s output ({Size} bytes); not copied again")]
    public static partial void OutputAlreadyStored(this ILogger logger, string blobName, string runwayTaskId, long size);

    [LoggerMessage(EventId = 501, Level = LogLevel.Information,
        Message = "Output blob {BlobName} was committed by another run of Runway task {RunwayTaskId} ({Size} bytes) during this copy; keeping it")]
    public static partial void OutputStoredByOtherRun(this ILogger logger, string blobName, string runwayTaskId, long size);

    [LoggerMessage(EventId = 502, Level = LogLevel.Information, Message = "Stored {Size} bytes ({ContentType}) from {Host} as {BlobName}")]
    public static partial void OutputStored(this ILogger logger, long size, string contentType, string host, string blobName);
}
