namespace RunwayRelay.Common;

/// <summary>
/// Host names that only mean something on a local network, for the two places that refuse them: callback URLs
/// (RunwayRelay would call into the network it runs in) and media URLs (Runway's fetcher on the public internet cannot
/// reach them, so the paid submission could only fail).
/// </summary>
internal static class LocalHostNames
{
    // Special-use and de facto private suffixes (RFC 6761, 6762 appendix G, 8375; ICANN's .internal, and .corp, .home
    // and .lan that ICANN will not delegate), and the suffix of Azure's VNet-internal DNS.
    private static readonly string[] LocalSuffixes =
        ["local", "internal", "home.arpa", "lan", "intranet", "corp", "home", "localdomain", "internal.cloudapp.net"];

    /// <summary>The host as DNS sees it: punycode, lower case, no IPv6 brackets or zone, no trailing root dot.</summary>
    public static string Normalize(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        string host = url.IdnHost.Trim('[', ']').ToLowerInvariant();
        if (url.HostNameType == UriHostNameType.IPv6 && host.IndexOf('%', StringComparison.Ordinal) is > 0 and var zone)
        {
            host = host[..zone];
        }
        return host.EndsWith('.') ? host[..^1] : host;
    }

    /// <summary><c>localhost</c> and its subdomains (RFC 6761): always the machine itself.</summary>
    public static bool IsLoopback(string normalizedHost) =>
        normalizedHost == "localhost" || normalizedHost.EndsWith(".localhost", StringComparison.Ordinal);

    /// <summary>The local-network suffix <paramref name="normalizedHost"/> is or ends in; null for any other name.</summary>
    public static string? LocalSuffixOf(string normalizedHost) =>
        LocalSuffixes.FirstOrDefault(s => normalizedHost == s || normalizedHost.EndsWith("." + s, StringComparison.Ordinal));
}
