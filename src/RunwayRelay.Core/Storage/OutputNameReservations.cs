using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunwayRelay.Common;

namespace RunwayRelay.Storage;

/// <summary>
/// Reserves an output blob name for one generation when it is accepted, before anything is paid for: a conditional
/// create (If-None-Match: *) of <c>names/{sha256 of the name}.json</c> in <c>Output__PayloadsContainer</c> carrying the
/// generation id. Two requests for one new name can then not both be submitted (Runway would bill both, and one
/// video could not be stored). A name is also taken while <c>Output__Container</c> holds a blob under it. The
/// reservation is released when the generation ends; one left by a generation that never started, or that ended
/// without releasing it, is taken over.
/// </summary>
public sealed class OutputNameReservations
{
    private readonly BlobServiceClient _blobs;
    private readonly IOptions<OutputOptions> _options;
    private readonly TimeProvider _time;
    private readonly JsonBlobContainer _reservations;

    public OutputNameReservations([FromKeyedServices(VideoStorageClientFactory.ConnectionName)] BlobServiceClient blobs,
        IOptions<OutputOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(options);
        _blobs = blobs;
        _options = options;
        _time = time;
        _reservations = new JsonBlobContainer(blobs, () => options.Value.PayloadsContainer);
    }

    /// <summary>
    /// Reserves <paramref name="outputBlobName"/> for <paramref name="generationId"/>, unless another generation or an
    /// existing blob holds it. <paramref name="isAbandoned"/> tells whether the generation holding a reservation will
    /// never use it (it never started, or it has ended).
    /// </summary>
    public async Task<NameReservation> TryReserveAsync(string outputBlobName, string generationId,
        Func<OutputNameReservation, CancellationToken, Task<bool>> isAbandoned, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputBlobName);
        ArgumentException.ThrowIfNullOrEmpty(generationId);
        ArgumentNullException.ThrowIfNull(isAbandoned);

        string name = BlobName(outputBlobName);
        var mine = new OutputNameReservation(outputBlobName, generationId, _time.GetUtcNow());
        var result = await _reservations.TryCreateAsync(name, mine, cancellationToken).ConfigureAwait(false)
            ? NameReservation.Reserved
            : await ResolveConflictAsync(name, mine, isAbandoned, cancellationToken).ConfigureAwait(false);
        if (result == NameReservation.Taken)
        {
            return result;
        }

        // Checked after reserving, not before: a video committed (and its reservation released) in between would slip by.
        if (await StoredVideoHolderAsync(outputBlobName, cancellationToken).ConfigureAwait(false) is { } holder && holder != generationId)
        {
            if (result == NameReservation.Reserved)
            {
                await ReleaseAsync(outputBlobName, generationId, cancellationToken).ConfigureAwait(false);
            }
            return NameReservation.Taken;
        }
        return result;
    }

    /// <summary>Frees the name if <paramref name="generationId"/> still holds it.</summary>
    public async Task ReleaseAsync(string outputBlobName, string generationId, CancellationToken cancellationToken = default)
    {
        string name = BlobName(outputBlobName);
        if (await ReadAsync(name, cancellationToken).ConfigureAwait(false) is { } existing && existing.Value.GenerationId == generationId)
        {
            // Conditional on what was read: released or taken over meanwhile, it is no longer ours.
            await _reservations.DeleteAsync(name, cancellationToken, existing.ETag).ConfigureAwait(false);
        }
    }

    private async Task<NameReservation> ResolveConflictAsync(string name, OutputNameReservation mine,
        Func<OutputNameReservation, CancellationToken, Task<bool>> isAbandoned, CancellationToken cancellationToken)
    {
        if (await ReadAsync(name, cancellationToken).ConfigureAwait(false) is not { } existing)
        {
            // Released between our create and our read: try once more.
            return await _reservations.TryCreateAsync(name, mine, cancellationToken).ConfigureAwait(false)
                ? NameReservation.Reserved
                : NameReservation.Taken;
        }
        if (existing.Value.GenerationId == mine.GenerationId)
        {
            return NameReservation.AlreadyOurs;
        }
        return await isAbandoned(existing.Value, cancellationToken).ConfigureAwait(false)
            && await _reservations.TryReplaceAsync(name, mine, existing.ETag, cancellationToken).ConfigureAwait(false)
            ? NameReservation.Reserved
            : NameReservation.Taken;
    }

    /// <summary>The generation that holds the name by its reservation, or null.</summary>
    public async Task<OutputNameReservation?> GetAsync(string outputBlobName, CancellationToken cancellationToken = default) =>
        (await ReadAsync(BlobName(outputBlobName), cancellationToken).ConfigureAwait(false))?.Value;

    /// <summary>Names can be 1024 characters long, more than fits after a prefix: the blob is named by a hash.</summary>
    internal static string BlobName(string outputBlobName) => "names/" + Sha256Hex.Of(outputBlobName) + ".json";

    /// <summary>The generation id of the blob stored under the name ("" when it was not written by RunwayRelay), or null when there is none.</summary>
    private async Task<string?> StoredVideoHolderAsync(string outputBlobName, CancellationToken cancellationToken)
    {
        var blob = _blobs.GetBlobContainerClient(_options.Value.Container).GetBlobClient(outputBlobName);
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            return properties.Metadata.TryGetValue(VideoMetadata.GenerationIdKey, out var id) ? id : "";
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private async Task<JsonBlob<OutputNameReservation>?> ReadAsync(string name, CancellationToken cancellationToken) =>
        // The storage's clock, not the writer's, says how old a reservation is.
        await _reservations.ReadAsync<OutputNameReservation>(name, cancellationToken).ConfigureAwait(false) is { } read
            ? read with { Value = read.Value with { ReservedAt = read.LastModified } }
            : null;
}
