namespace RunwayRelay.Emulator.Tasks;

internal enum TaskPhase
{
    Pending,
    Throttled,
    Running,
    Succeeded,
    Failed,
    Cancelled,
    Deleted,
}
