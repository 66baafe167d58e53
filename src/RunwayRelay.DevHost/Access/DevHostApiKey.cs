using System.Security.Cryptography;
using System.Text;

namespace RunwayRelay.DevHost.Access;

/// <summary>The key every request must carry while <c>DevHost__AllowRemote=true</c>, sent as Azure Functions keys are.</summary>
public static class DevHostApiKey
{
    public const int MinLength = 32;

    /// <summary>Compares in constant time; hashing first keeps the time independent of the lengths too.</summary>
    public static bool Matches(string? presented, string expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }
}
