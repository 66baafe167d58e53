namespace RunwayRelay.Emulator.Admin;

/// <summary>One task the emulator accepted (and charged for).</summary>
public sealed record EmulatorCreateRecord(
    string TaskId,
    string Endpoint,
    string Model,
    string KeyFingerprint,
    long Credits,
    DateTimeOffset At);
