using System.Globalization;
using System.Net;
using RunwayRelay.Common;

namespace RunwayRelay.Runway;

/// <summary>
/// Whether Runway can fetch a media URL's host: Runway fetches from the public internet and requires a domain name,
/// not an IP address. Refusing these at the door saves a paid-for submission that can only fail, and keeps callers
/// from pointing Runway's fetcher at private or link-local addresses.
/// </summary>
public static class MediaUrlHostRule
{
    /// <summary>Null when Runway could fetch from <paramref name="url"/>'s host; else why not, in one sentence.</summary>
    public static string? Problem(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            return $"has the IP address {url.Host} as its host; Runway fetches media only from a public domain name, not an IP address";
        }

        // One trailing dot is the fully qualified form of the same name.
        string name = LocalHostNames.Normalize(url);
        if (name.Length == 0)
        {
            return "has no host name; Runway fetches media only from a public domain name";
        }
        bool singleLabel = !name.Contains('.', StringComparison.Ordinal);
        if (LocalHostNames.IsLoopback(name) || (!singleLabel && LocalHostNames.LocalSuffixOf(name) is not null))
        {
            return $"has the local host name '{url.Host}'; Runway fetches media from the public internet and cannot reach it";
        }
        if (singleLabel)
        {
            return $"has the single-label host name '{url.Host}'; use a public domain name such as media.example.com";
        }
        string last = name[(name.LastIndexOf('.') + 1)..];
        // No top-level domain is numeric: a name like 10.1 or 0x7f.1 is an address written another way.
        if (last.All(char.IsAsciiDigit) || IsHexNumber(last) || IPAddress.TryParse(name, out _))
        {
            return $"has the IP-address-like host '{url.Host}'; Runway fetches media only from a public domain name, not an IP address";
        }
        return null;
    }

    private static bool IsHexNumber(string label) =>
        label.Length > 2 && label.StartsWith("0x", StringComparison.Ordinal)
        && long.TryParse(label.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _);
}
