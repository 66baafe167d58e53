namespace RunwayRelay.Callbacks;

/// <summary>A Standard Webhooks signing secret: <c>whsec_</c> and the base64 of the key bytes.</summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";

    /// <summary>The spec asks for keys of 24 to 64 bytes.</summary>
    public const int MinKeyBytes = 24;
    public const int MaxKeyBytes = 64;

    /// <summary>Null when <paramref name="secret"/> is usable; else what is wrong with it (never the value itself).</summary>
    public static string? Problem(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return $"must be a Standard Webhooks secret: '{Prefix}' followed by base64";
        }
        var key = new byte[MaxKeyBytes + 3];
        if (!Convert.TryFromBase64String(secret[Prefix.Length..], key, out int length))
        {
            return $"is not '{Prefix}' followed by valid base64 (of {MinKeyBytes} to {MaxKeyBytes} bytes)";
        }
        return length is < MinKeyBytes or > MaxKeyBytes
            ? $"holds {length} bytes after '{Prefix}'; use {MinKeyBytes} to {MaxKeyBytes} random bytes"
            : null;
    }
}
