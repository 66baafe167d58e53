using RunwayRelay.Callbacks;

namespace RunwayRelay.Orchestration;

/// <summary>
/// Input of <see cref="CallbackDeliveryOrchestrator"/> (instance id <see cref="CallbackDeliveries.InstanceIdFor"/>): the
/// completion notice and the schedule; nothing secret (the address is in the <c>CallbackTargetStore</c>).
/// <see cref="Redelivery"/> counts the redeliveries asked for through the HTTP API (0 for the first delivery).
/// </summary>
public sealed record CallbackDeliveryInput(string GenerationId, CompletionNotice Notice, CallbackSchedule Schedule, int Redelivery = 0);
