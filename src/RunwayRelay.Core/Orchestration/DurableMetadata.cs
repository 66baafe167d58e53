using System.Text.Json;
using Microsoft.DurableTask.Client;

namespace RunwayRelay.Orchestration;

/// <summary>What the HTTP API and the scheduler both ask of an orchestration's metadata.</summary>
internal static class DurableMetadata
{
    /// <summary>The orchestration will not run again: completed, failed or terminated.</summary>
    public static bool HasEnded(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    /// <summary>
    /// What the data converter throws for an input, output or custom status this version cannot read (a shape from
    /// another version, a payload that is not JSON): the reader then answers as if the part were missing.
    /// </summary>
    public static bool IsUnreadable(Exception e) => e is JsonException or NotSupportedException or InvalidOperationException;
}
