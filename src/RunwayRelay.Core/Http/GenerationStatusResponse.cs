namespace RunwayRelay.Http;

/// <summary>Body of <c>202 Accepted</c> from <c>GET /api/generations/{id}</c> while the generation is queued or running.</summary>
public sealed record GenerationStatusResponse(
    string Id,
    string Status,
    string? RunwayStatus,
    double? Progress,
    string? RunwayTaskId,
    Uri StatusUrl,
    Uri CancelUrl,
    long? EstimatedCredits = null,
    TimeSpan? QueuedFor = null);
