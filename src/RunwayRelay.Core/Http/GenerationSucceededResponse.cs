using System.Text.Json.Serialization;
using RunwayRelay.Callbacks;
using RunwayRelay.Generations;

namespace RunwayRelay.Http;

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
