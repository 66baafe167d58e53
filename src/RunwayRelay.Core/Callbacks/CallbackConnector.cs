using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace RunwayRelay.Callbacks;

/// <summary>
/// The callback client's connection step. Checking the URL's host is not enough, since any name can resolve anywhere
/// (and differently on the next lookup), so the host is resolved here once, every address it resolves to must pass
/// <see cref="CallbackAddressPolicy"/>, and the socket connects to those checked addresses themselves.
/// </summary>
public sealed class CallbackConnector(ICallbackHostResolver resolver, IOptions<CallbackOptions> options)
{
    /// <summary>
    /// The primary handler for callbacks: no redirects (a 3xx could point anywhere), no proxy (the check would then see
    /// the proxy, not the callback host). HTTP/3 would bypass <see cref="SocketsHttpHandler.ConnectCallback"/>; the
    /// client's default HTTP/1.1 with version "or lower" never tries it.
    /// </summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        ConnectCallback = ConnectAsync,
    };

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        string host = context.DnsEndPoint.Host;
        IPAddress[] addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await resolver.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }
        // One bad address refuses the host: a name that also points inside the network is not a public endpoint.
        bool allowLoopback = options.Value.AllowLoopback;
        foreach (var address in addresses)
        {
            if (CallbackAddressPolicy.Refusal(address, allowLoopback) is { } verdict)
            {
                throw new CallbackAddressRefusedException(host, address, verdict);
            }
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last!;
    }
}
