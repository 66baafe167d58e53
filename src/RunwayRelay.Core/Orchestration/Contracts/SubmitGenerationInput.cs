using RunwayRelay.Runway;

namespace RunwayRelay.Orchestration;

/// <summary>
/// Input of <see cref="SubmitGenerationActivity"/>: the id whose payload holds the request. <see cref="Request"/> is
/// only set for a generation started before payloads moved out of durable state.
/// </summary>
public sealed record SubmitGenerationInput(string GenerationId, RunwayGenerationRequest? Request = null);
