namespace RunwayRelay.Callbacks;

/// <summary>
/// The delivery orchestration's custom status and output, shown as <c>callback</c> by <c>GET /api/generations/{id}</c>.
/// </summary>
public sealed record CallbackDeliveryStatus(
    CallbackDeliveryState State,
    int Attempts,
    int? LastStatus = null,
    DateTimeOffset? NextAttemptAt = null,
    string? LastError = null);
