namespace RunwayRelay.Tests.Callbacks;

public sealed class CallbackUrlPolicyTests
{
    [Theory]
    // The reproduced defect: each of these was accepted with Callbacks__AllowLoopback=false.
    [InlineData("https://10.0.0.5/", false, "a private address (10.0.0.0/8)")]
    [InlineData("https://192.168.1.1/", false, "a private address (192.168.0.0/16)")]
    [InlineData("https://169.254.169.254/metadata", false, "a link-local address (169.254.0.0/16)")]
    [InlineData("https://[fd00::1]/", false, "a unique local (private) address (fc00::/7)")]
    [InlineData("https://[fe80::1]/", false, "a link-local address (fe80::/10)")]
    [InlineData("https://0.0.0.0:8443/", false, "the unspecified address")]
    [InlineData("https://[::]/", false, "the unspecified address")]
    [InlineData("https://localhost./", false, "Callbacks__AllowLoopback")]
    // Other spellings of the same places
    [InlineData("https://172.20.1.1/", false, "(172.16.0.0/12)")]
    [InlineData("https://100.64.1.1/", false, "(100.64.0.0/10)")]
    [InlineData("https://192.0.0.170/", false, "(192.0.0.0/24)")]
    [InlineData("https://224.0.0.251/", false, "a multicast address")]
    [InlineData("https://255.255.255.255/", false, "the broadcast address")]
    [InlineData("https://[ff02::1]/", false, "a multicast address")]
    [InlineData("https://[::ffff:10.0.0.5]/", false, "(10.0.0.0/8) in IPv4-mapped form")]
    [InlineData("https://[::ffff:169.254.169.254]/", false, "(169.254.0.0/16) in IPv4-mapped form")]
    [InlineData("https://[::ffff:0:10.0.0.5]/", false, "(10.0.0.0/8) in IPv4-translated form")]
    [InlineData("https://[64:ff9b::10.0.0.5]/", false, "(10.0.0.0/8) in NAT64 form")]
    [InlineData("https://0x0a000005/", false, "(10.0.0.0/8)")]
    [InlineData("https://167772165/", false, "(10.0.0.0/8)")]
    [InlineData("https://10.0.0.5./", false, "(10.0.0.0/8)")]
    [InlineData("https://hooks.example.com@10.0.0.5/", false, "(10.0.0.0/8)")]
    [InlineData("https://[::ffff:a00:5]/", false, "(10.0.0.0/8) in IPv4-mapped form")]
    [InlineData("https://[fe80::1%25eth0]/", false, "(fe80::/10)")]
    [InlineData("https://0177.0.0.1/", false, "Callbacks__AllowLoopback")]
    [InlineData("https://127.1/", false, "Callbacks__AllowLoopback")]
    [InlineData("https://\uFF2C\uFF2F\uFF23\uFF21\uFF2C\uFF28\uFF2F\uFF33\uFF34/", false, "host ")] // the reason depends on IDN mapping (ICU or not); refused either way
    [InlineData("https://127.0.0.1/", false, "Callbacks__AllowLoopback")]
    [InlineData("https://[::1]/", false, "Callbacks__AllowLoopback")]
    [InlineData("https://[::ffff:127.0.0.1]/", false, "Callbacks__AllowLoopback")]
    [InlineData("https://localhost/", false, "Callbacks__AllowLoopback")]
    [InlineData("https://LOCALHOST:8443/", false, "Callbacks__AllowLoopback")]
    [InlineData("https://hooks.localhost/", false, "Callbacks__AllowLoopback")]
    [InlineData("https://printer.local/", false, "a local network name (*.local)")]
    [InlineData("https://metadata.google.internal/computeMetadata/v1/", false, "(*.internal)")]
    [InlineData("https://router.home.arpa/", false, "(*.home.arpa)")]
    [InlineData("https://nas.lan/", false, "(*.lan)")]
    [InlineData("https://myvm.internal.cloudapp.net/", false, "(*.internal.cloudapp.net)")]
    [InlineData("https://webhooks/", false, "single-label name")]
    [InlineData("https://metadata./", false, "single-label name")]
    [InlineData("https://intranet/", false, "(*.intranet)")]
    // AllowLoopback=true allows loopback, never private ranges or local names
    [InlineData("https://10.0.0.5/", true, "a private address (10.0.0.0/8)")]
    [InlineData("http://10.0.0.5/", true, "a private address (10.0.0.0/8)")]
    [InlineData("https://192.168.1.1/", true, "a private address (192.168.0.0/16)")]
    [InlineData("https://169.254.169.254/metadata", true, "(169.254.0.0/16)")]
    [InlineData("https://[fd00::1]/", true, "(fc00::/7)")]
    [InlineData("https://0.0.0.0:8443/", true, "the unspecified address")]
    [InlineData("http://[::]:5000/", true, "the unspecified address")]
    [InlineData("https://printer.local/", true, "(*.local)")]
    [InlineData("http://hooks.example.com/done", true, "must use https")]
    [InlineData("http://hooks.example.com/done", false, "must use https")]
    public void Check_RefusedUrl_SaysWhy(string url, bool allowLoopback, string expected)
    {
        string? refusal = CallbackUrlPolicy.Check(new Uri(url), allowLoopback);

        Assert.NotNull(refusal);
        Assert.Contains(expected, refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://hooks.example.com/done?token=abc", false)]
    [InlineData("https://hooks.example.com./done", false)]
    [InlineData("https://8.8.8.8/", false)]
    [InlineData("https://[2606:4700:4700::1111]/", false)]
    [InlineData("https://[::ffff:8.8.8.8]/", false)]
    [InlineData("https://hooks.example.com/done", true)]
    [InlineData("http://127.0.0.1:5000/x", true)]
    [InlineData("http://127.0.0.2:5000/x", true)]
    [InlineData("http://[::1]:5000/x", true)]
    [InlineData("http://localhost:5000/x", true)]
    [InlineData("http://localhost.:5000/x", true)]
    [InlineData("http://hooks.localhost:5000/x", true)]
    [InlineData("https://localhost/x", true)]
    public void Check_AllowedUrl_IsNull(string url, bool allowLoopback) =>
        Assert.Null(CallbackUrlPolicy.Check(new Uri(url), allowLoopback));
}
