namespace RunwayRelay.Emulator.Tasks;

/// <summary>A task's stored state. Mutated only by <see cref="TaskStore"/> under its lock.</summary>
internal sealed class EmulatedTask
{
    public required string Id { get; init; }
    public required string Endpoint { get; init; }
    public required string Model { get; init; }
    public required string KeyFingerprint { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required TimeSpan QueueTime { get; init; }
    public required TimeSpan GenerationTime { get; init; }
    public required long Credits { get; init; }
    public required bool ProducesImage { get; init; }
    public required long OutputSize { get; init; }
    /// <summary>Seeds this task's progress errors, so every read of one update reports the same value.</summary>
    public required int ProgressSeed { get; init; }

    /// <summary>The exponent of this task's progress curve (1 = a straight line).</summary>
    public required double ProgressCurve { get; init; }

    public string? PlannedFailureCode { get; init; }
    public string? PlannedFailureMessage { get; init; }

    public TaskPhase Phase { get; set; } = TaskPhase.Pending;
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public bool Refunded { get; set; }

    public DateTimeOffset ReadyAt => CreatedAt + QueueTime;

    public bool IsActive => Phase is TaskPhase.Pending or TaskPhase.Throttled or TaskPhase.Running;

    public bool IsGone => Phase is TaskPhase.Cancelled or TaskPhase.Deleted;
}
