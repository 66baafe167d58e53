using System.Net.Sockets;
using Grpc.Net.Client;

namespace RunwayRelay.DevHost.Durable;

/// <summary>
/// Where the durable sidecar listens: a Unix socket private to this process. Its address is known before anything
/// starts (the worker and client take their channel at registration), and no TCP port is opened for it.
/// </summary>
public sealed class SidecarEndpoint : IDisposable
{
    public SidecarEndpoint()
    {
        SocketPath = Path.Combine(Path.GetTempPath(), $"runwayrelay-devhost-{Environment.ProcessId}.sock");
        Channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { ConnectCallback = ConnectAsync },
            MaxReceiveMessageSize = MaxMessageBytes,
            MaxSendMessageSize = MaxMessageBytes,
        });
    }

    /// <summary>
    /// gRPC's 4 MiB default, raised as a second line of defence: durable payloads hold only ids, names and hashes, but
    /// a message over the limit fails the orchestration without details.
    /// </summary>
    public const int MaxMessageBytes = 64 * 1024 * 1024;

    public string SocketPath { get; }

    public GrpcChannel Channel { get; }

    public void Dispose() => Channel.Dispose();

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
