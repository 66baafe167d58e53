using System.Net;
using System.Net.Sockets;

namespace RunwayRelay.Callbacks;

/// <summary>
/// Which IP addresses a completion callback may connect to: public unicast only, loopback too with
/// <c>Callbacks__AllowLoopback=true</c>. Anything a request could use to reach the server's own network (SSRF) is refused:
/// private, link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast, reserved, documentation and
/// benchmarking ranges, the Azure platform address, and every IPv6 address outside 2000::/3. IPv4 addresses embedded in
/// IPv6 (mapped, translated, NAT64) are judged by the IPv4 address they carry, since that is where the packets go.
/// </summary>
public static class CallbackAddressPolicy
{
    // The last 32 bits of these are an IPv4 address, which is where the packets end up.
    private static readonly (IPNetwork Range, string Form)[] Embeddings =
    [
        (IPNetwork.Parse("::ffff:0:0/96"), "IPv4-mapped"),
        (IPNetwork.Parse("::ffff:0:0:0/96"), "IPv4-translated"),
        (IPNetwork.Parse("64:ff9b::/96"), "NAT64"),
    ];
    private static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");

    // First match wins, so the narrow ranges come before the wide ones that hold them.
    private static readonly (IPNetwork Range, CallbackAddressClass Class)[] V4 =
    [
        (IPNetwork.Parse("0.0.0.0/32"), CallbackAddressClass.Unspecified),
        (IPNetwork.Parse("0.0.0.0/8"), CallbackAddressClass.ThisNetwork),
        (IPNetwork.Parse("10.0.0.0/8"), CallbackAddressClass.Private),
        (IPNetwork.Parse("100.64.0.0/10"), CallbackAddressClass.SharedAddressSpace),
        (IPNetwork.Parse("127.0.0.0/8"), CallbackAddressClass.Loopback),
        // Public on paper, but inside Azure it is the host's DNS, DHCP and wire server.
        (IPNetwork.Parse("168.63.129.16/32"), CallbackAddressClass.AzurePlatform),
        (IPNetwork.Parse("169.254.0.0/16"), CallbackAddressClass.LinkLocal),
        (IPNetwork.Parse("172.16.0.0/12"), CallbackAddressClass.Private),
        (IPNetwork.Parse("192.0.0.0/24"), CallbackAddressClass.ProtocolAssignments),
        (IPNetwork.Parse("192.0.2.0/24"), CallbackAddressClass.Documentation),
        (IPNetwork.Parse("192.88.99.0/24"), CallbackAddressClass.Tunnel),
        (IPNetwork.Parse("192.168.0.0/16"), CallbackAddressClass.Private),
        (IPNetwork.Parse("198.18.0.0/15"), CallbackAddressClass.Benchmarking),
        (IPNetwork.Parse("198.51.100.0/24"), CallbackAddressClass.Documentation),
        (IPNetwork.Parse("203.0.113.0/24"), CallbackAddressClass.Documentation),
        (IPNetwork.Parse("224.0.0.0/4"), CallbackAddressClass.Multicast),
        (IPNetwork.Parse("255.255.255.255/32"), CallbackAddressClass.Broadcast),
        (IPNetwork.Parse("240.0.0.0/4"), CallbackAddressClass.Reserved),
    ];

    private static readonly (IPNetwork Range, CallbackAddressClass Class)[] V6 =
    [
        (IPNetwork.Parse("::/128"), CallbackAddressClass.Unspecified),
        (IPNetwork.Parse("::1/128"), CallbackAddressClass.Loopback),
        (IPNetwork.Parse("::/96"), CallbackAddressClass.Ipv4Compatible),
        (IPNetwork.Parse("64:ff9b:1::/48"), CallbackAddressClass.LocalUseTranslation),
        (IPNetwork.Parse("100::/64"), CallbackAddressClass.DiscardOnly),
        (IPNetwork.Parse("2001::/32"), CallbackAddressClass.Tunnel),
        (IPNetwork.Parse("2001:2::/48"), CallbackAddressClass.Benchmarking),
        (IPNetwork.Parse("2001::/23"), CallbackAddressClass.ProtocolAssignments),
        (IPNetwork.Parse("2001:db8::/32"), CallbackAddressClass.Documentation),
        (IPNetwork.Parse("2002::/16"), CallbackAddressClass.Tunnel),
        (IPNetwork.Parse("3fff::/20"), CallbackAddressClass.Documentation),
        (IPNetwork.Parse("fc00::/7"), CallbackAddressClass.UniqueLocal),
        (IPNetwork.Parse("fe80::/10"), CallbackAddressClass.LinkLocal),
        (IPNetwork.Parse("fec0::/10"), CallbackAddressClass.SiteLocal),
        (IPNetwork.Parse("ff00::/8"), CallbackAddressClass.Multicast),
    ];

    public static CallbackAddressVerdict Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return Match(address, V4) ?? new CallbackAddressVerdict(CallbackAddressClass.Public, null);
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return new CallbackAddressVerdict(CallbackAddressClass.NotGlobalUnicast, null);
        }
        // IPNetwork.Contains compares an IPv4-mapped address as if it were IPv4 (::ffff:10.0.0.5 is "in" 2000::/3), so
        // mapped addresses are unwrapped before any range is asked.
        if (address.IsIPv4MappedToIPv6)
        {
            return Classify(address.MapToIPv4()) with { EmbeddedIn = Embeddings[0].Range, EmbeddedForm = Embeddings[0].Form };
        }
        foreach (var (embedding, form) in Embeddings.AsSpan(1))
        {
            if (embedding.Contains(address))
            {
                var inner = Classify(new IPAddress(address.GetAddressBytes().AsSpan(12, 4)));
                return inner with { EmbeddedIn = embedding, EmbeddedForm = form };
            }
        }
        return Match(address, V6)
            ?? (GlobalUnicast.Contains(address)
                ? new CallbackAddressVerdict(CallbackAddressClass.Public, null)
                : new CallbackAddressVerdict(CallbackAddressClass.NotGlobalUnicast, GlobalUnicast));
    }

    /// <summary>Null when a callback may connect to <paramref name="address"/>; else what it is, for the refusal message.</summary>
    public static CallbackAddressVerdict? Refusal(IPAddress address, bool allowLoopback)
    {
        var verdict = Classify(address);
        return verdict.IsPublic || (allowLoopback && verdict.Class == CallbackAddressClass.Loopback) ? null : verdict;
    }

    private static CallbackAddressVerdict? Match(IPAddress address, (IPNetwork Range, CallbackAddressClass Class)[] table)
    {
        foreach (var (range, kind) in table)
        {
            if (range.Contains(address))
            {
                return new CallbackAddressVerdict(kind, range);
            }
        }
        return null;
    }
}
