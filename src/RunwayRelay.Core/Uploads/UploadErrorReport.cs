using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace RunwayRelay.Uploads;

/// <summary>
/// The <c>&lt;name without extension&gt;.error.json</c> an upload leaves in <c>Output__Container</c> when no generation was
/// started for it: why, and which metadata an upload may carry. It is created only where no blob of that name exists,
/// so it never replaces a video, another report or anything else already there.
/// </summary>
public static class UploadErrorReport
{
    public const string Suffix = ".error.json";

    /// <summary>Metadata of a report: the ETag of the upload version it is about, when the writer knew it.</summary>
    public const string UploadETagMetadata = "uploadetag";

    public const string Title = "No generation was started for this upload";

    private static readonly JsonSerializerOptions Json = new(RunwayRelayJson.Web) { WriteIndented = true };

    /// <summary><c>folder/cat.png</c> → <c>folder/cat.error.json</c>; <paramref name="outputName"/> when given replaces the name's stem.</summary>
    public static string NameFor(string blobName, string? outputName = null)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        string video = outputName ?? BlobGenerationStarter.OutputNameFor(blobName);
        return video[..^".mp4".Length] + Suffix;
    }

    /// <summary>
    /// Writes the report with a conditional create (<c>If-None-Match: *</c>). False when a blob of that name already
    /// exists: it is kept as it is. Storage failures other than that one propagate.
    /// </summary>
    public static async Task<bool> TryWriteAsync(BlobContainerClient output, BlobClient upload, string reportName,
        IReadOnlyDictionary<string, string[]> errors, ETag? uploadETag = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(reportName);
        ArgumentNullException.ThrowIfNull(errors);
        var report = new
        {
            container = upload.BlobContainerName,
            blob = upload.Name,
            title = Title,
            errors,
            metadata = "prompt, model (default gen4_turbo), ratio (default 1280:720), duration (default 5), seed",
        };
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        };
        if (uploadETag is { } etag)
        {
            options.Metadata = new Dictionary<string, string> { [UploadETagMetadata] = etag.ToString() };
        }
        try
        {
            await output.GetBlobClient(reportName).UploadAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(report, Json)), options, cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Whether <paramref name="reportName"/> exists and is about the upload version <paramref name="uploadETag"/>.</summary>
    public static async Task<bool> ExistsForAsync(BlobContainerClient output, string reportName, ETag uploadETag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            var properties = await output.GetBlobClient(reportName).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return properties.Value.Metadata.TryGetValue(UploadETagMetadata, out string? etag) && etag == uploadETag.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }
}
