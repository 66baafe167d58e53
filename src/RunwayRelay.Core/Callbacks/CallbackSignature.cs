using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RunwayRelay.Callbacks;

/// <summary>
/// <c>X-RunwayRelay-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c>, keyed with the UTF-8 bytes of
/// <c>Callbacks__SigningSecret</c>. Receivers recompute it over the raw body and reject old timestamps (replays).
/// </summary>
public static class CallbackSignature
{
    public const string HeaderName = "X-RunwayRelay-Signature";

    public static string Create(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return $"t={unixSeconds.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Mac(secret, unixSeconds, body))}";
    }

    /// <summary>Checks a header value against the body; <paramref name="tolerance"/> bounds the timestamp's age.</summary>
    public static bool Verify(string secret, string? header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(header))
        {
            return false;
        }
        long? t = null;
        var candidates = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal) && long.TryParse(part.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                t = parsed;
            }
            else if (part.StartsWith("v1=", StringComparison.Ordinal))
            {
                candidates.Add(part[3..]);
            }
        }
        if (t is not { } timestamp || (now - DateTimeOffset.FromUnixTimeSeconds(timestamp)).Duration() > tolerance)
        {
            return false;
        }
        byte[] expected = Mac(secret, timestamp, body);
        foreach (var candidate in candidates)
        {
            byte[] given;
            try
            {
                given = Convert.FromHexString(candidate);
            }
            catch (FormatException)
            {
                continue;
            }
            if (CryptographicOperations.FixedTimeEquals(expected, given))
            {
                return true;
            }
        }
        return false;
    }

    private static byte[] Mac(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        byte[] prefix = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        byte[] message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }
}
