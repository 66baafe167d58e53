using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RunwayRelay.Generations;
using RunwayRelay.Runway;
using RunwayRelay.Storage;
using RunwayRelay.Uploads;

namespace RunwayRelay.Orchestration;

/// <summary>
/// Turns a blob upload's image into something Runway can read, inside the submit activity: a data URI when it fits
/// Runway's 5 MiB limit for them, else an ephemeral upload (<c>POST /v1/uploads</c>) whose <c>runway://</c> URI is
/// used instead. Runway cannot fetch a private blob, and the image never enters durable state either way.
/// </summary>
public sealed class PromptImageLoader(
    [FromKeyedServices(VideoStorageClientFactory.ConnectionName)] BlobServiceClient storage,
    IRunwayClient runway,
    ILogger<PromptImageLoader> logger)
{
    /// <summary>Runway's limit for an image it reads from a URL or an upload.</summary>
    public const long MaxImageBytes = 16L * 1024 * 1024;

    /// <summary>Largest image that still fits Runway's 5 MiB data-URI limit once base64-encoded (about 3.75 MiB).</summary>
    public static long MaxDataUriImageBytes(string mediaType)
    {
        ArgumentNullException.ThrowIfNull(mediaType);
        long room = RunwayRequestValidator.MaxImageDataUriLength - UploadImageTypes.DataUriPrefix(mediaType).Length;
        return room / 4 * 3;
    }

    /// <summary>The image as a data URI or a <c>runway://</c> URI.</summary>
    public async Task<string> LoadAsync(UploadedImage image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        var blob = storage.GetBlobContainerClient(image.Container).GetBlobClient(image.BlobName);
        var pinned = new BlobRequestConditions { IfMatch = new ETag(image.ETag) };
        try
        {
            if (image.Length <= MaxDataUriImageBytes(image.MediaType))
            {
                var content = await blob.DownloadContentAsync(new BlobDownloadOptions { Conditions = pinned }, cancellationToken).ConfigureAwait(false);
                return UploadImageTypes.DataUriPrefix(image.MediaType) + Convert.ToBase64String(content.Value.Content.ToMemory().Span);
            }
            // Seekable, so the client may post it again when the upload's storage answers a transient error.
            await using var stream = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { Conditions = pinned },
                cancellationToken).ConfigureAwait(false);
            var upload = await runway.UploadEphemeralAsync(FileNameFor(image), image.MediaType, stream, image.Length, cancellationToken).ConfigureAwait(false);
            logger.ImageUploaded(image.Container, image.BlobName, image.Length);
            return upload.RunwayUri;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            throw new PromptImageGoneException(
                $"The uploaded image {image.Container}/{image.BlobName} was changed or deleted before it could be sent to Runway; nothing was submitted (a new upload starts its own generation).");
        }
        catch (RequestFailedException e) when (e.Status is >= 400 and < 500)
        {
            throw new PromptImageGoneException(
                $"The uploaded image {image.Container}/{image.BlobName} could not be read ({e.Status} {e.ErrorCode}); nothing was submitted.");
        }
    }

    /// <summary>Runway wants 3-255 characters ending in a media extension; the blob's own name may have neither.</summary>
    internal static string FileNameFor(UploadedImage image)
    {
        string stem = Path.GetFileNameWithoutExtension(image.BlobName);
        stem = stem.Length == 0 ? "image" : stem[..Math.Min(stem.Length, 200)];
        return stem + UploadImageTypes.FileExtension(image.MediaType);
    }
}
