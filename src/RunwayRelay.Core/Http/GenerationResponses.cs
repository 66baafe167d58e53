using System.Text.Json.Serialization;
using RunwayRelay.Callbacks;
using RunwayRelay.Generations;

namespace RunwayRelay.Http;

/// <summary>Body of <c>202 Accepted</c> from <c>POST /api/generations</c>; <see cref="EstimatedCredits"/> is null for a model without a rate.</summary>
public sealed record GenerationAcceptedResponse(string Id, string Status, Uri StatusUrl, Uri CancelUrl, long? EstimatedCredits = null);

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

/// <summary>
/// Body of <c>200 OK</c> from <c>GET /api/generations/{id}</c> once the videos are stored; <see cref="Callback"/> only
/// when the generation has a callback (and never in the body a subscription's callback gets).
/// </summary>
public sealed record GenerationSucceededResponse(
    string Id,
    string Status,
    string? RunwayTaskId,
    IReadOnlyList<StoredVideo> Videos,
    long? EstimatedCredits = null,
    long? CreditsSpent = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CallbackDeliveryStatus? Callback = null);

/// <summary>Body of <c>DELETE /api/generations/{id}</c>.</summary>
public sealed record GenerationCancelResponse(string Id, string Status, Uri StatusUrl);
