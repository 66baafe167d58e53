using System.Net.Http.Headers;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunwayRelay.Generations;

namespace RunwayRelay.Storage;

/// <summary>
/// Streams a video from a (signed) URL into a block blob of <c>Output__Container</c> with bounded memory. The blob only
/// appears when every byte arrived (staged blocks are committed at the end); a second run for the same task skips the copy.
/// The commit is a conditional create, so no path overwrites a blob another generation wrote in the meantime.
/// The source URL is never logged or put into an exception message: only its host.
/// </summary>
public sealed class BlobVideoStore : IVideoStore
{
    private readonly HttpClient _http;
    private readonly BlobServiceClient _blobs;
    private readonly OutputOptions _options;
    private readonly ILogger<BlobVideoStore> _logger;

    public BlobVideoStore(HttpClient http, [FromKeyedServices(VideoStorageClientFactory.ConnectionName)] BlobServiceClient blobs,
        IOptions<OutputOptions> options, ILogger<BlobVideoStore> logger)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _blobs = blobs ?? throw new ArgumentNullException(nameof(blobs));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    private BlobContainerClient OutputContainer => _blobs.GetBlobContainerClient(_options.Container);

    public async Task<StoredVideo> CopyAsync(Uri source, string blobName, VideoMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(blobName);
        ArgumentNullException.ThrowIfNull(metadata);

        // No CreateIfNotExists here: the existence check below creates the container when it is missing, so a copy into
        // an existing container costs no extra request (BENCHMARKS.md, Load: storage requests per generation).
        var blob = OutputContainer.GetBlockBlobClient(blobName);
        string host = source.Host;

        using var request = new HttpRequestMessage(HttpMethod.Get, source);
        HttpResponseMessage response;
        using (var headersStall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            headersStall.CancelAfter(_options.DownloadStallTimeout);
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, headersStall.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (headersStall.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new VideoCopyException($"Downloading the output from {host} stalled: no response headers within {_options.DownloadStallTimeout}.");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                throw new VideoCopyException($"Downloading the output from {host} failed: {Redact(e.Message, source)}");
            }
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new VideoCopyException($"Downloading the output from {host} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }
            long? expected = response.Content.Headers.ContentLength;
            string contentType = response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";

            var existing = await GetOwnAsync(blob, metadata, cancellationToken).ConfigureAwait(false);
            if (existing is not null && (expected is not { } length || existing.ContentLength == length))
            {
                _logger.OutputAlreadyStored(blobName, metadata.RunwayTaskId, existing.ContentLength);
                return Stored(blob, existing);
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using var counted = new LengthCheckingStream(body, expected, host, _options.DownloadStallTimeout);
            try
            {
                await blob.UploadAsync(counted, new BlobUploadOptions
                {
                    // Applies to the final Put Blob / Put Block List: only our own earlier copy (of another length) may be
                    // replaced, and only as it was when checked above.
                    Conditions = existing is null
                        ? new BlobRequestConditions { IfNoneMatch = ETag.All }
                        : new BlobRequestConditions { IfMatch = existing.ETag },
                    HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                    Metadata = metadata.ToDictionary(),
                    TransferOptions = new StorageTransferOptions
                    {
                        InitialTransferSize = _options.UploadBlockSize,
                        MaximumTransferSize = _options.UploadBlockSize,
                        MaximumConcurrency = _options.UploadConcurrency,
                    },
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or HttpRequestException && e is not VideoCopyException)
            {
                throw new VideoCopyException($"Downloading the output from {host} broke off after {counted.BytesRead} bytes: {Redact(e.Message, source)}");
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Something wrote the name between the check above and the commit: keep it, and return it only if it is ours.
                var winner = await GetOwnAsync(blob, metadata, cancellationToken).ConfigureAwait(false)
                    ?? throw new VideoCopyException($"Blob '{blob.Name}' in container '{blob.BlobContainerName}' changed while the output was copied; the copy is retried.", e);
                _logger.OutputStoredByOtherRun(blobName, metadata.RunwayTaskId, winner.ContentLength);
                return Stored(blob, winner);
            }

            counted.EnsureComplete();
            _logger.OutputStored(counted.BytesRead, contentType, host, blobName);
            return new StoredVideo(blobName, blob.Uri, counted.BytesRead, contentType);
        }
    }

    /// <summary>The blob's properties when it holds this task's video, null when there is none; throws when it holds another's.</summary>
    private static async Task<BlobProperties?> GetOwnAsync(BlockBlobClient blob, VideoMetadata metadata, CancellationToken cancellationToken)
    {
        BlobProperties properties;
        try
        {
            properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            if (e.ErrorCode == BlobErrorCode.ContainerNotFound)
            {
                await blob.GetParentBlobContainerClient().CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            return null;
        }
        properties.Metadata.TryGetValue(VideoMetadata.RunwayTaskIdKey, out var taskId);
        if (!string.Equals(taskId, metadata.RunwayTaskId, StringComparison.Ordinal))
        {
            // Overwriting would lose a different generation's finished video.
            throw new VideoCopyException(
                $"Blob '{blob.Name}' in container '{blob.BlobContainerName}' already holds another generation's video (Runway task {taskId ?? "unknown"}); choose another output blob name.");
        }
        return properties;
    }

    private static StoredVideo Stored(BlockBlobClient blob, BlobProperties properties) =>
        new(blob.Name, blob.Uri, properties.ContentLength, properties.ContentType ?? "application/octet-stream");

    private static string Redact(string message, Uri source) =>
        message.Replace(source.AbsoluteUri, source.Host, StringComparison.Ordinal)
               .Replace(source.PathAndQuery, "/…", StringComparison.Ordinal);

    /// <summary>
    /// Counts bytes as they pass and fails the read that ends short of Content-Length, or that waits longer than the stall
    /// timeout, before the upload can commit.
    /// </summary>
    private sealed class LengthCheckingStream(Stream inner, long? expected, string host, TimeSpan stallTimeout) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count), count);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stall.CancelAfter(stallTimeout);
            try
            {
                return Count(await inner.ReadAsync(buffer, stall.Token).ConfigureAwait(false), buffer.Length);
            }
            catch (OperationCanceledException) when (stall.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new VideoCopyException($"Downloading the output from {host} stalled: no bytes for {stallTimeout} after {BytesRead} bytes.");
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public void EnsureComplete()
        {
            if (expected is { } length && BytesRead != length)
            {
                throw new VideoCopyException($"The output from {host} had {BytesRead} bytes, but Content-Length said {length}.");
            }
        }

        private int Count(int read, int asked)
        {
            BytesRead += read;
            if (read == 0 && asked > 0)
            {
                EnsureComplete();
            }
            else if (expected is { } length && BytesRead > length)
            {
                throw new VideoCopyException($"The output from {host} sent more than its Content-Length of {length} bytes.");
            }
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
