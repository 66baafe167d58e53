using System.Text.Json.Serialization;

namespace RunwayRelay.Generations;

/// <summary>
/// Where a generation is; exposed as the orchestration's custom status and by <c>GET /api/generations/{id}</c>. A closed
/// set: only the orchestrator sets it. The JSON value is the member name, as when these were string constants, so
/// statuses and outcomes recorded before still read back.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<GenerationPhase>))]
public enum GenerationPhase
{
    Accepted,
    Submitted,
    Queued,
    Running,
    Copying,
    Succeeded,
    Failed,
    Cancelled,
    TimedOut,
}
