using System.Net;

namespace RunwayRelay.Callbacks;

/// <summary>
/// The class of one address, the range that put it there and, for an IPv4 address embedded in IPv6
/// (<c>::ffff:10.0.0.5</c>), the embedding range.
/// </summary>
public sealed record CallbackAddressVerdict(CallbackAddressClass Class, IPNetwork? Range, IPNetwork? EmbeddedIn = null, string? EmbeddedForm = null)
{
    public bool IsPublic => Class == CallbackAddressClass.Public;

    /// <summary>For messages: <c>a private address (10.0.0.0/8)</c>, <c>... in IPv4-mapped form (::ffff:0:0/96)</c>.</summary>
    public string Describe()
    {
        string text = Class switch
        {
            CallbackAddressClass.Public => "a public address",
            CallbackAddressClass.Loopback => "a loopback address",
            CallbackAddressClass.Unspecified => "the unspecified address",
            CallbackAddressClass.ThisNetwork => "a 'this network' address",
            CallbackAddressClass.Private => "a private address",
            CallbackAddressClass.SharedAddressSpace => "a carrier-grade NAT address",
            CallbackAddressClass.LinkLocal => "a link-local address",
            CallbackAddressClass.ProtocolAssignments => "an IETF protocol address",
            CallbackAddressClass.Documentation => "a documentation address",
            CallbackAddressClass.Benchmarking => "a benchmarking address",
            CallbackAddressClass.Multicast => "a multicast address",
            CallbackAddressClass.Broadcast => "the broadcast address",
            CallbackAddressClass.Reserved => "a reserved address",
            CallbackAddressClass.AzurePlatform => "the Azure platform address",
            CallbackAddressClass.UniqueLocal => "a unique local (private) address",
            CallbackAddressClass.SiteLocal => "a site-local address",
            CallbackAddressClass.DiscardOnly => "a discard-only address",
            CallbackAddressClass.Tunnel => "a tunnel relay address",
            CallbackAddressClass.LocalUseTranslation => "a local-use NAT64 address",
            CallbackAddressClass.Ipv4Compatible => "a deprecated IPv4-compatible address",
            CallbackAddressClass.NotGlobalUnicast => "an address outside the global unicast range",
            _ => Class.ToString(),
        };
        if (Range is { } range)
        {
            text += $" ({range})";
        }
        if (EmbeddedIn is { } embedding)
        {
            text += $" in {EmbeddedForm} form ({embedding})";
        }
        return text;
    }
}
