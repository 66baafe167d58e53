using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RunwayRelay.Telemetry;

/// <summary>
/// The app's instruments on the <see cref="RunwayRelayTelemetry.SourceName"/> meter. Tags are closed sets (outcome,
/// error code, model, phase, request kind, status), never ids, so the series stay few.
/// </summary>
public static class RunwayRelayMetrics
{
    private static readonly Meter Meter = new(RunwayRelayTelemetry.SourceName);

    /// <summary>Generations scheduled (a repeat of an Idempotency-Key does not count), by model.</summary>
    public static readonly Counter<long> GenerationsStarted = Meter.CreateCounter<long>("runwayrelay.generations.started", "{generation}", "Generations started");

    /// <summary>Generations ended, by outcome (Succeeded, Failed, Cancelled, TimedOut) and error code.</summary>
    public static readonly Counter<long> GenerationsEnded = Meter.CreateCounter<long>("runwayrelay.generations.ended", "{generation}", "Generations ended");

    /// <summary>Credits a generation is expected to cost before it is submitted, by model (recorded by the estimate).</summary>
    public static readonly Counter<double> CreditsEstimated = Meter.CreateCounter<double>("runwayrelay.credits.estimated", "{credit}", "Credits estimated before submission");

    /// <summary>Credits Runway reports as spent (the task's <c>cost</c>, else its <c>estimatedCost</c>) when a task succeeds.</summary>
    public static readonly Counter<double> CreditsSpent = Meter.CreateCounter<double>("runwayrelay.credits.spent", "{credit}", "Credits spent at Runway");

    /// <summary>Time one generation spent queued (PENDING), throttled, running, and copying its outputs, by phase.</summary>
    public static readonly Histogram<double> PhaseDuration = Meter.CreateHistogram<double>("runwayrelay.generation.phase.duration", "s", "Time a generation spent in a phase");

    /// <summary>Bytes copied from Runway's outputs into Blob Storage, by model.</summary>
    public static readonly Counter<long> CopyBytes = Meter.CreateCounter<long>("runwayrelay.copy.bytes", "By", "Bytes copied into Blob Storage");

    /// <summary>Throughput of one copy (all outputs of a generation).</summary>
    public static readonly Histogram<double> CopyThroughput = Meter.CreateHistogram<double>("runwayrelay.copy.throughput", "By/s", "Copy throughput");

    /// <summary>Runway API calls by kind (<see cref="Runway.RunwayRequestKind"/>: create, get, delete, upload, organization, usage) and HTTP status (0: no answer).</summary>
    public static readonly Counter<long> RunwayRequests = Meter.CreateCounter<long>("runwayrelay.runway.requests", "{request}", "Runway API requests");

    internal static void RecordPhase(TimedPhase phase, TimeSpan duration)
    {
        if (duration > TimeSpan.Zero)
        {
            PhaseDuration.Record(duration.TotalSeconds, new TagList { { RunwayRelayTelemetry.PhaseTag, phase.ToTagValue() } });
        }
    }
}
