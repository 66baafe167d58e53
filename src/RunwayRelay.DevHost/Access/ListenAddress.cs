using System.Net;

namespace RunwayRelay.DevHost.Access;

/// <summary>What <c>DEVHOST_URL</c> binds to, decided on the bind address itself (a wildcard such as 0.0.0.0 is remote).</summary>
public static class ListenAddress
{
    /// <summary>True for <c>localhost</c> and loopback IPs; false for wildcards, LAN addresses and other host names.</summary>
    public static bool IsLoopback(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (string.Equals(url.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return IPAddress.TryParse(url.IdnHost, out var ip) && IPAddress.IsLoopback(ip);
    }

    /// <summary>
    /// The address the DevHost reaches itself at (its embedded emulator): a wildcard bind is reached over 127.0.0.1 on the
    /// same port, any other bind at its own address.
    /// </summary>
    public static Uri Self(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (IPAddress.TryParse(url.IdnHost, out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)))
        {
            return new UriBuilder(url) { Host = IPAddress.Loopback.ToString() }.Uri;
        }
        return url;
    }
}
