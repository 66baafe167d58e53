using System.Diagnostics;
using Microsoft.DurableTask;
using RunwayRelay.Runway;

namespace RunwayRelay.Telemetry;

/// <summary>
/// The app's own spans (<see cref="SourceName"/>): one per activity and one per Runway call, tagged with the generation
/// id, the Runway task id and the model. Never a key, a prompt, a signed URL, a callback URL or a SAS query string:
/// only ids, names and status codes are ever tagged.
/// </summary>
public static class RunwayRelayTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> and of the <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string SourceName = "RunwayRelay";

    public const string GenerationIdTag = "runwayrelay.generation.id";
    public const string RunwayTaskIdTag = "runway.task.id";
    public const string ModelTag = "runway.model";
    public const string RequestKindTag = "runway.request.kind";
    public const string StatusCodeTag = "http.response.status_code";
    public const string OutcomeTag = "runwayrelay.generation.outcome";
    public const string ErrorCodeTag = "runwayrelay.error.code";
    public const string PhaseTag = "runwayrelay.generation.phase";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// A span around one durable activity; the engine's own activity span, when there is one, is its parent.
    /// <paramref name="context"/> supplies the generation id (the orchestration instance id) unless <paramref name="generationId"/> does.
    /// <paramref name="traceParent"/> (<see cref="Generations.GenerationInput.TraceParent"/>) is the parent when the engine gave
    /// none in that trace: after <c>ContinueAsNew</c> the durable engine starts an execution without the trace context.
    /// </summary>
    public static Activity? StartTask(string name, TaskActivityContext? context, string? generationId = null, string? runwayTaskId = null,
        string? model = null, string? traceParent = null)
    {
        var span = ActivityContext.TryParse(traceParent, null, out var parent) && Activity.Current?.TraceId != parent.TraceId
            ? Source.StartActivity(name, ActivityKind.Internal, parent)
            : Source.StartActivity(name, ActivityKind.Internal);
        if (span is null)
        {
            return null;
        }
        span.SetTag(GenerationIdTag, generationId ?? context?.InstanceId);
        span.SetTag(RunwayTaskIdTag, runwayTaskId);
        span.SetTag(ModelTag, string.IsNullOrEmpty(model) ? null : model);
        return span;
    }

    /// <summary>A client span around one Runway API call, named <c>runway {kind}</c>.</summary>
    internal static Activity? StartRunwayCall(RunwayRequestKind kind, string? runwayTaskId, string? model)
    {
        string tag = kind.ToTagValue();
        var span = Source.StartActivity("runway " + tag, ActivityKind.Client);
        if (span is null)
        {
            return null;
        }
        span.SetTag(RequestKindTag, tag);
        span.SetTag(RunwayTaskIdTag, runwayTaskId);
        span.SetTag(ModelTag, model);
        return span;
    }
}
