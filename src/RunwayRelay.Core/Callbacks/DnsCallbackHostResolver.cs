using System.Net;

namespace RunwayRelay.Callbacks;

/// <summary>The system resolver.</summary>
public sealed class DnsCallbackHostResolver : ICallbackHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Dns.GetHostAddressesAsync(host, cancellationToken);
}
