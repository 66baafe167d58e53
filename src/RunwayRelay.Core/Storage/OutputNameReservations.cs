using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly BlobServiceClient _blobs;
    private readonly IOptions<OutputOptions> _options;
    private readonly TimeProvider _time;
    private readonly Lazy<ContainerGate> _gate;

    public OutputNameReservations([FromKeyedServices(VideoStorageClientFactory.ConnectionName)] BlobServiceClient blobs,
        IOptions<OutputOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(options);
        _blobs = blobs;
        _options = options;
        _time = time;
        // Options are read on first use, so a host that builds this early still reports every invalid setting at start.
        _gate = new(() => new ContainerGate(Reservations));
    }

    private BlobContainerClient Reservations => _blobs.GetBlobContainerClient(_options.Value.PayloadsContainer);

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

        await _gate.Value.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var blob = Reservations.GetBlobClient(BlobName(outputBlobName));
        var mine = new OutputNameReservation(outputBlobName, generationId, _time.GetUtcNow());
        var result = await TryWriteAsync(blob, mine, new BlobRequestConditions { IfNoneMatch = ETag.All }, cancellationToken).ConfigureAwait(false)
            ? NameReservation.Reserved
            : await ResolveConflictAsync(blob, mine, isAbandoned, cancellationToken).ConfigureAwait(false);
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
        var blob = Reservations.GetBlobClient(BlobName(outputBlobName));
        var (existing, etag) = await ReadAsync(blob, cancellationToken).ConfigureAwait(false);
        if (existing?.GenerationId != generationId)
        {
            return;
        }
        try
        {
            await blob.DeleteAsync(conditions: new BlobRequestConditions { IfMatch = etag }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Released or taken over meanwhile: no longer ours.
        }
    }

    private async Task<NameReservation> ResolveConflictAsync(BlobClient blob, OutputNameReservation mine,
        Func<OutputNameReservation, CancellationToken, Task<bool>> isAbandoned, CancellationToken cancellationToken)
    {
        var (existing, etag) = await ReadAsync(blob, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            // Released between our create and our read: try once more.
            return await TryWriteAsync(blob, mine, new BlobRequestConditions { IfNoneMatch = ETag.All }, cancellationToken).ConfigureAwait(false)
                ? NameReservation.Reserved
                : NameReservation.Taken;
        }
        if (existing.GenerationId == mine.GenerationId)
        {
            return NameReservation.AlreadyOurs;
        }
        return await isAbandoned(existing, cancellationToken).ConfigureAwait(false)
            && await TryWriteAsync(blob, mine, new BlobRequestConditions { IfMatch = etag }, cancellationToken).ConfigureAwait(false)
            ? NameReservation.Reserved
            : NameReservation.Taken;
    }

    /// <summary>The generation that holds the name by its reservation, or null.</summary>
    public async Task<OutputNameReservation?> GetAsync(string outputBlobName, CancellationToken cancellationToken = default) =>
        (await ReadAsync(Reservations.GetBlobClient(BlobName(outputBlobName)), cancellationToken).ConfigureAwait(false)).Reservation;

    /// <summary>Names can be 1024 characters long, more than fits after a prefix: the blob is named by a hash.</summary>
    internal static string BlobName(string outputBlobName) =>
        "names/" + Sha256Hex.Of(outputBlobName) + ".json";

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

    private static async Task<bool> TryWriteAsync(BlobClient blob, OutputNameReservation reservation, BlobRequestConditions conditions,
        CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(BinaryData.FromObjectAsJson(reservation, Json), new BlobUploadOptions
            {
                Conditions = conditions,
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    private static async Task<(OutputNameReservation? Reservation, ETag ETag)> ReadAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var content = (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value;
            // The storage's clock, not the writer's, says how old a reservation is.
            var reservation = content.Content.ToObjectFromJson<OutputNameReservation>(Json)! with { ReservedAt = content.Details.LastModified };
            return (reservation, content.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (null, default);
        }
    }
}
