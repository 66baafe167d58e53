using System.Security.Cryptography;
using System.Text;

namespace RunwayRelay.Common;

/// <summary>
/// Lower-case hex SHA-256 of UTF-8 text: the stable, non-reversible names RunwayRelay derives from values it must not
/// store (prompts, keys) or that must name the same thing every time (idempotency keys, blob names, webhook ids).
/// </summary>
public static class Sha256Hex
{
    public static string Of(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>The first <paramref name="length"/> hex characters: shorter names where 128 bits or fewer are enough.</summary>
    public static string Of(string value, int length) => Of(value)[..length];
}
