using Microsoft.Extensions.Logging;

namespace RunwayRelay.Scheduling;

/// <summary>Every log line of the scheduler. Event ids 400-429 (the app's ranges are unique per area).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Generation {GenerationId} scheduled: {Endpoint} {Model}, output {OutputBlobName}")]
    public static partial void Scheduled(this ILogger logger, string generationId, string endpoint, string model, string outputBlobName);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Generation {GenerationId} refused: output name {OutputBlobName} is taken")]
    public static partial void OutputNameTaken(this ILogger logger, string generationId, string outputBlobName);

    [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "Generation {GenerationId}: the id is already used by a different request")]
    public static partial void IdConflict(this ILogger logger, string generationId);

    [LoggerMessage(EventId = 403, Level = LogLevel.Information, Message = "Generation {GenerationId}: repeated request; not started again")]
    public static partial void Repeated(this ILogger logger, string generationId);

    [LoggerMessage(EventId = 404, Level = LogLevel.Information, Message = "Generation {GenerationId}: concurrent start refused by the store ({Error})")]
    public static partial void ConcurrentStart(this ILogger logger, string generationId, string error);

    [LoggerMessage(EventId = 405, Level = LogLevel.Warning, Message = "Generation {GenerationId}: stored input unreadable ({Error})")]
    public static partial void InputUnreadable(this ILogger logger, string generationId, string error);

    [LoggerMessage(EventId = 406, Level = LogLevel.Information, Message = "Output name {OutputBlobName}: reservation of generation {GenerationId}, which will not use it, taken over")]
    public static partial void ReservationTakenOver(this ILogger logger, string outputBlobName, string generationId);
}
