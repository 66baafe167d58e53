namespace RunwayRelay.Orchestration;

/// <summary>
/// Input of <see cref="StartCallbackDeliveryActivity"/>. <see cref="LegacyCallbackUrl"/> is only set for a generation
/// started before payloads moved out of durable state.
/// </summary>
public sealed record StartCallbackDeliveryInput(string GenerationId, CompletionNotice Notice, Uri? LegacyCallbackUrl = null);
