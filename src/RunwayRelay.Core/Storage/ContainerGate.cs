using Azure.Storage.Blobs;

namespace RunwayRelay.Storage;

/// <summary>Creates a container on first use, once per process; until storage answers, the next use tries again.</summary>
internal sealed class ContainerGate(BlobContainerClient container)
{
    private volatile bool _ready;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (!_ready)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _ready = true;
        }
    }
}
