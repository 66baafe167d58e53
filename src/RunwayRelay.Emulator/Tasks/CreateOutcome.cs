namespace RunwayRelay.Emulator.Tasks;

internal sealed record CreateOutcome(CreateStatus Status, string? TaskId, long Credits);
