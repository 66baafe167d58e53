using System.Net;

namespace RunwayRelay.Callbacks;

/// <summary>Turns a callback host name into addresses (the DNS in production; a table in tests).</summary>
public interface ICallbackHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
