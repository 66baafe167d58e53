namespace RunwayRelay.Emulator.Admin;

/// <summary>One request the emulator answered. The key is kept only as a SHA-256 fingerprint, never raw.</summary>
public sealed record EmulatorRequestRecord(
    DateTimeOffset At,
    string Method,
    string Path,
    RouteKind Kind,
    int StatusCode,
    bool Aborted,
    string? KeyFingerprint,
    string? TaskId);
