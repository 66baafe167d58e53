using System.Security.Cryptography;
using System.Text;

namespace RunwayRelay.Emulator.Media;

/// <summary>Signs output URLs with HMAC-SHA256 over task, file and expiry, as CDN-signed URLs do.</summary>
internal sealed class OutputUrlSigner
{
    private readonly byte[] _key;

    public OutputUrlSigner(EmulatorOptions options)
    {
        _key = string.IsNullOrEmpty(options.SigningKey)
            ? RandomNumberGenerator.GetBytes(32)
            : Encoding.UTF8.GetBytes(options.SigningKey);
    }

    public string Sign(string taskId, string fileName, long expiresUnixSeconds) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{taskId}/{fileName}/{expiresUnixSeconds}")));

    public bool IsValid(string taskId, string fileName, long expiresUnixSeconds, string? signature)
    {
        if (signature is null || signature.Length != 64)
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(Sign(taskId, fileName, expiresUnixSeconds));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}
