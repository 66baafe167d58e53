namespace RunwayRelay.Telemetry;

/// <summary>
/// Where a generation spent its time, as the <see cref="RunwayRelayTelemetry.PhaseTag"/> of
/// <see cref="RunwayRelayMetrics.PhaseDuration"/> (<see cref="TimedPhaseExtensions.ToTagValue"/>): Runway's queue, its concurrency hold, its run, and the copy. Not
/// <c>GenerationPhase</c>: THROTTLED is a Runway status inside that set's <c>Queued</c>.
/// </summary>
internal enum TimedPhase
{
    Queued,
    Throttled,
    Running,
    Copying,
}
