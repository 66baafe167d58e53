namespace RunwayRelay.ApiKeys;

/// <summary>
/// Runway keys are <c>key_</c> followed by 128 lowercase hex digits (132 characters). The messages say what is wrong
/// and where, never what the key is: a key pasted with one wrong character is still a secret.
/// </summary>
public static class RunwayApiKeyFormat
{
    public const string Prefix = "key_";
    public const int HexLength = 128;
    public const int Length = 132;

    /// <summary>What is wrong with <paramref name="key"/>, or null when it is well formed. Never contains the key.</summary>
    public static string? Describe(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "is empty";
        }
        if (!key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return $"does not start with '{Prefix}' (Runway keys are '{Prefix}' followed by {HexLength} lowercase hex characters)";
        }
        if (key.Length != Length)
        {
            return $"is {key.Length} characters long instead of {Length} ('{Prefix}' followed by {HexLength} lowercase hex characters)";
        }
        for (int i = Prefix.Length; i < key.Length; i++)
        {
            char c = key[i];
            if (char.IsAsciiHexDigitLower(c))
            {
                continue;
            }
            string what = char.IsAsciiHexDigitUpper(c) ? "an uppercase hex letter (Runway keys are lowercase)"
                : char.IsWhiteSpace(c) ? "a whitespace character"
                : "a character that is not a hex digit";
            return $"has {what} at position {i + 1} (counting from 1); after '{Prefix}' only 0-9 and a-f are allowed";
        }
        return null;
    }

    /// <summary>First 8 hex characters of the SHA-256 of the key: safe to log, enough to tell two keys apart.</summary>
    public static string Fingerprint(string key) => Sha256Hex.Of(key, 8);
}
