namespace RunwayRelay.Orchestration;

/// <summary>The key can be read and is well formed: its SHA-256 fingerprint and where it came from.</summary>
public sealed record ApiKeyAvailable(string Fingerprint, string Source) : ApiKeyCheck;
