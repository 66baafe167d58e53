using System.Net;

namespace RunwayRelay.Tests.Callbacks;

public sealed class CallbackAddressPolicyTests
{
    [Theory]
    // IPv4, each range at its edges
    [InlineData("0.0.0.0", CallbackAddressClass.Unspecified, "0.0.0.0/32")]
    [InlineData("0.1.2.3", CallbackAddressClass.ThisNetwork, "0.0.0.0/8")]
    [InlineData("0.255.255.255", CallbackAddressClass.ThisNetwork, "0.0.0.0/8")]
    [InlineData("10.0.0.0", CallbackAddressClass.Private, "10.0.0.0/8")]
    [InlineData("10.0.0.5", CallbackAddressClass.Private, "10.0.0.0/8")]
    [InlineData("10.255.255.255", CallbackAddressClass.Private, "10.0.0.0/8")]
    [InlineData("100.64.0.1", CallbackAddressClass.SharedAddressSpace, "100.64.0.0/10")]
    [InlineData("100.127.255.255", CallbackAddressClass.SharedAddressSpace, "100.64.0.0/10")]
    [InlineData("127.0.0.1", CallbackAddressClass.Loopback, "127.0.0.0/8")]
    [InlineData("127.255.255.254", CallbackAddressClass.Loopback, "127.0.0.0/8")]
    [InlineData("168.63.129.16", CallbackAddressClass.AzurePlatform, "168.63.129.16/32")]
    [InlineData("169.254.0.1", CallbackAddressClass.LinkLocal, "169.254.0.0/16")]
    [InlineData("169.254.169.254", CallbackAddressClass.LinkLocal, "169.254.0.0/16")]
    [InlineData("172.16.0.1", CallbackAddressClass.Private, "172.16.0.0/12")]
    [InlineData("172.31.255.255", CallbackAddressClass.Private, "172.16.0.0/12")]
    [InlineData("192.0.0.8", CallbackAddressClass.ProtocolAssignments, "192.0.0.0/24")]
    [InlineData("192.0.2.1", CallbackAddressClass.Documentation, "192.0.2.0/24")]
    [InlineData("192.88.99.1", CallbackAddressClass.Tunnel, "192.88.99.0/24")]
    [InlineData("192.168.0.0", CallbackAddressClass.Private, "192.168.0.0/16")]
    [InlineData("192.168.1.1", CallbackAddressClass.Private, "192.168.0.0/16")]
    [InlineData("192.168.255.255", CallbackAddressClass.Private, "192.168.0.0/16")]
    [InlineData("198.18.0.1", CallbackAddressClass.Benchmarking, "198.18.0.0/15")]
    [InlineData("198.19.255.255", CallbackAddressClass.Benchmarking, "198.18.0.0/15")]
    [InlineData("198.51.100.7", CallbackAddressClass.Documentation, "198.51.100.0/24")]
    [InlineData("203.0.113.9", CallbackAddressClass.Documentation, "203.0.113.0/24")]
    [InlineData("224.0.0.1", CallbackAddressClass.Multicast, "224.0.0.0/4")]
    [InlineData("239.255.255.250", CallbackAddressClass.Multicast, "224.0.0.0/4")]
    [InlineData("240.0.0.1", CallbackAddressClass.Reserved, "240.0.0.0/4")]
    [InlineData("255.255.255.254", CallbackAddressClass.Reserved, "240.0.0.0/4")]
    [InlineData("255.255.255.255", CallbackAddressClass.Broadcast, "255.255.255.255/32")]
    // IPv6
    [InlineData("::", CallbackAddressClass.Unspecified, "::/128")]
    [InlineData("::1", CallbackAddressClass.Loopback, "::1/128")]
    [InlineData("::10.0.0.5", CallbackAddressClass.Ipv4Compatible, "::/96")]
    [InlineData("::8.8.8.8", CallbackAddressClass.Ipv4Compatible, "::/96")]
    [InlineData("64:ff9b:1::1", CallbackAddressClass.LocalUseTranslation, "64:ff9b:1::/48")]
    [InlineData("100::1", CallbackAddressClass.DiscardOnly, "100::/64")]
    [InlineData("2001::1", CallbackAddressClass.Tunnel, "2001::/32")]
    [InlineData("2001:2::1", CallbackAddressClass.Benchmarking, "2001:2::/48")]
    [InlineData("2001:10::1", CallbackAddressClass.ProtocolAssignments, "2001::/23")]
    [InlineData("2001:db8::1", CallbackAddressClass.Documentation, "2001:db8::/32")]
    [InlineData("2002:a00:5::1", CallbackAddressClass.Tunnel, "2002::/16")]
    [InlineData("3fff::1", CallbackAddressClass.Documentation, "3fff::/20")]
    [InlineData("fc00::1", CallbackAddressClass.UniqueLocal, "fc00::/7")]
    [InlineData("fd00::1", CallbackAddressClass.UniqueLocal, "fc00::/7")]
    [InlineData("fdff:ffff::1", CallbackAddressClass.UniqueLocal, "fc00::/7")]
    [InlineData("fe80::1", CallbackAddressClass.LinkLocal, "fe80::/10")]
    [InlineData("fe80::1%2", CallbackAddressClass.LinkLocal, "fe80::/10")]
    [InlineData("febf::1", CallbackAddressClass.LinkLocal, "fe80::/10")]
    [InlineData("fec0::1", CallbackAddressClass.SiteLocal, "fec0::/10")]
    [InlineData("ff02::1", CallbackAddressClass.Multicast, "ff00::/8")]
    [InlineData("ff0e::1", CallbackAddressClass.Multicast, "ff00::/8")]
    [InlineData("::2:0:0:1", CallbackAddressClass.NotGlobalUnicast, "2000::/3")]
    [InlineData("4000::1", CallbackAddressClass.NotGlobalUnicast, "2000::/3")]
    public void Classify_NonPublicAddress_NamesItsRange(string address, CallbackAddressClass expected, string range)
    {
        var verdict = CallbackAddressPolicy.Classify(IPAddress.Parse(address));

        Assert.Equal(expected, verdict.Class);
        Assert.False(verdict.IsPublic);
        Assert.Contains($"({range})", verdict.Describe(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.1.1.1")]
    [InlineData("8.8.8.8")]
    [InlineData("9.255.255.255")]
    [InlineData("11.0.0.0")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("126.255.255.255")]
    [InlineData("128.0.0.0")]
    [InlineData("168.63.129.17")]
    [InlineData("169.253.255.255")]
    [InlineData("169.255.0.0")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("192.167.255.255")]
    [InlineData("192.169.0.0")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.0")]
    [InlineData("223.255.255.255")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001::200e")]
    [InlineData("2001:200::1")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("::ffff:0:8.8.8.8")]
    [InlineData("64:ff9b::8.8.8.8")]
    public void Classify_PublicAddress_IsPublic(string address)
    {
        var verdict = CallbackAddressPolicy.Classify(IPAddress.Parse(address));

        Assert.Equal(CallbackAddressClass.Public, verdict.Class);
        Assert.Null(CallbackAddressPolicy.Refusal(IPAddress.Parse(address), allowLoopback: false));
    }

    [Theory]
    [InlineData("::ffff:10.0.0.5", CallbackAddressClass.Private, "10.0.0.0/8", "IPv4-mapped form (::ffff:0:0/96)")]
    [InlineData("::ffff:127.0.0.1", CallbackAddressClass.Loopback, "127.0.0.0/8", "IPv4-mapped form (::ffff:0:0/96)")]
    [InlineData("::ffff:169.254.169.254", CallbackAddressClass.LinkLocal, "169.254.0.0/16", "IPv4-mapped form")]
    [InlineData("::ffff:192.168.1.1", CallbackAddressClass.Private, "192.168.0.0/16", "IPv4-mapped form")]
    [InlineData("::ffff:172.16.0.1", CallbackAddressClass.Private, "172.16.0.0/12", "IPv4-mapped form")]
    [InlineData("::ffff:100.64.0.1", CallbackAddressClass.SharedAddressSpace, "100.64.0.0/10", "IPv4-mapped form")]
    [InlineData("::ffff:0.0.0.0", CallbackAddressClass.Unspecified, "0.0.0.0/32", "IPv4-mapped form")]
    [InlineData("::ffff:224.0.0.1", CallbackAddressClass.Multicast, "224.0.0.0/4", "IPv4-mapped form")]
    [InlineData("::ffff:255.255.255.255", CallbackAddressClass.Broadcast, "255.255.255.255/32", "IPv4-mapped form")]
    [InlineData("::ffff:0:10.0.0.5", CallbackAddressClass.Private, "10.0.0.0/8", "IPv4-translated form (::ffff:0:0:0/96)")]
    [InlineData("::ffff:0:127.0.0.1", CallbackAddressClass.Loopback, "127.0.0.0/8", "IPv4-translated form")]
    [InlineData("64:ff9b::10.0.0.5", CallbackAddressClass.Private, "10.0.0.0/8", "NAT64 form (64:ff9b::/96)")]
    [InlineData("64:ff9b::a9fe:a9fe", CallbackAddressClass.LinkLocal, "169.254.0.0/16", "NAT64 form")]
    [InlineData("64:ff9b::7f00:1", CallbackAddressClass.Loopback, "127.0.0.0/8", "NAT64 form")]
    public void Classify_Ipv4InsideIpv6_JudgedByTheIpv4Address(string address, CallbackAddressClass expected, string range, string form)
    {
        var verdict = CallbackAddressPolicy.Classify(IPAddress.Parse(address));

        Assert.Equal(expected, verdict.Class);
        Assert.Contains($"({range}) in {form}", verdict.Describe(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", false, false)]
    [InlineData("127.0.0.1", true, true)]
    [InlineData("127.10.20.30", true, true)]
    [InlineData("::1", false, false)]
    [InlineData("::1", true, true)]
    [InlineData("::ffff:127.0.0.1", true, true)]
    [InlineData("::ffff:127.0.0.1", false, false)]
    // AllowLoopback is about loopback only: never private, link-local or the unspecified address (which Linux connects to itself).
    [InlineData("0.0.0.0", true, false)]
    [InlineData("::", true, false)]
    [InlineData("10.0.0.5", true, false)]
    [InlineData("172.16.0.1", true, false)]
    [InlineData("192.168.1.1", true, false)]
    [InlineData("169.254.169.254", true, false)]
    [InlineData("100.64.0.1", true, false)]
    [InlineData("fd00::1", true, false)]
    [InlineData("fe80::1", true, false)]
    [InlineData("::ffff:10.0.0.5", true, false)]
    [InlineData("8.8.8.8", true, true)]
    [InlineData("8.8.8.8", false, true)]
    public void Refusal_AllowLoopback_PermitsLoopbackOnly(string address, bool allowLoopback, bool allowed) =>
        Assert.Equal(allowed, CallbackAddressPolicy.Refusal(IPAddress.Parse(address), allowLoopback) is null);
}
