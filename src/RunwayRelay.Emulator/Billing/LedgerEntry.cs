namespace RunwayRelay.Emulator.Billing;

internal sealed record LedgerEntry(DateTimeOffset At, string Model, long Amount);
