using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using RunwayRelay.Generations;
using RunwayRelay.Runway;
using RunwayRelay.Storage;
using RunwayRelay.Telemetry;

namespace RunwayRelay.Orchestration;

/// <summary>
/// Takes the signed output URLs the status read just saw (<see cref="RunwayOutputCache"/>, this process only) or else
/// reads the task again for fresh ones (they never leave this activity), and streams each output into Blob Storage.
/// Safe to run twice: an output already stored for this task is not copied again.
/// </summary>
public sealed class CopyOutputsActivity(IRunwayClient runway, RunwayOutputCache cache, IVideoStore store, ModelRunTimes runTimes, ILogger<CopyOutputsActivity> logger)
    : TaskActivity<CopyOutputsInput, IReadOnlyList<StoredVideo>>
{
    public override async Task<IReadOnlyList<StoredVideo>> RunAsync(TaskActivityContext context, CopyOutputsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var span = RunwayRelayTelemetry.StartTask(GenerationTasks.CopyOutputs, context, input.GenerationId, input.RunwayTaskId, input.Model, input.TraceParent);
        var outputs = cache.TryTake(input.RunwayTaskId);
        if (outputs is null)
        {
            var task = await runway.GetTaskAsync(input.RunwayTaskId).ConfigureAwait(false);
            if (task.Status != RunwayTaskStatus.Succeeded || task.Output is not { Count: > 0 } read)
            {
                throw new VideoCopyException($"Runway task {input.RunwayTaskId} is {task.Status} with no outputs to copy.");
            }
            outputs = read;
        }

        long started = Stopwatch.GetTimestamp();
        var metadata = new VideoMetadata(input.RunwayTaskId, input.Model, input.GenerationId, input.PromptSha256);
        var stored = new List<StoredVideo>(outputs.Count);
        for (int i = 0; i < outputs.Count; i++)
        {
            if (!Uri.TryCreate(outputs[i], UriKind.Absolute, out var source) || source.Scheme is not ("https" or "http"))
            {
                throw new VideoCopyException($"Runway task {input.RunwayTaskId} output {i} is not an http(s) URL.");
            }
            string name = OutputNames.For(input.OutputBlobName, i);
            logger.CopyingOutput(input.GenerationId, i + 1, outputs.Count, source.Host, name);
            stored.Add(await store.CopyAsync(source, name, metadata).ConfigureAwait(false));
        }
        Record(stored, input.Model, Stopwatch.GetElapsedTime(started));
        if (input.RunTime is { } runTime)
        {
            runTimes.Record(runTime);
        }
        return stored;
    }

    /// <summary>What the copy stored and how fast; an output an earlier run already stored counts here too.</summary>
    private static void Record(List<StoredVideo> stored, string model, TimeSpan elapsed)
    {
        long bytes = stored.Sum(v => v.Size);
        RunwayRelayMetrics.CopyBytes.Add(bytes, new KeyValuePair<string, object?>(RunwayRelayTelemetry.ModelTag, model));
        RunwayRelayMetrics.RecordPhase(TimedPhase.Copying, elapsed);
        if (elapsed > TimeSpan.Zero)
        {
            RunwayRelayMetrics.CopyThroughput.Record(bytes / elapsed.TotalSeconds);
        }
    }
}
