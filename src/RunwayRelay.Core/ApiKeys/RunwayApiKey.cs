namespace RunwayRelay.ApiKeys;

/// <summary>A validated key. <see cref="ToString"/> shows only the fingerprint so the key cannot leak into logs by accident.</summary>
public sealed class RunwayApiKey
{
    public RunwayApiKey(string value, string fingerprint, string source)
    {
        Value = value;
        Fingerprint = fingerprint;
        Source = source;
    }

    /// <summary>The secret itself: only for the Authorization header.</summary>
    public string Value { get; }

    /// <summary>First 8 hex characters of the key's SHA-256: safe to log, enough to tell keys apart.</summary>
    public string Fingerprint { get; }

    /// <summary>Where it came from, e.g. <c>Key Vault https://x.vault.azure.net/ secret runwayml-api-secret</c> or <c>RUNWAYML_API_SECRET</c>.</summary>
    public string Source { get; }

    public override string ToString() => $"Runway API key sha256:{Fingerprint} from {Source}";
}
