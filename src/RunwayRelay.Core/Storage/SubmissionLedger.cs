using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RunwayRelay.Storage;

/// <summary>
/// What is known about one generation's submission to Runway. <see cref="ClaimToken"/> is new per claim attempt, so the
/// claimant can tell its own "submitting" record from another's; records written before it existed read with null.
/// </summary>
public sealed record SubmissionRecord(
    string GenerationId,
    string State,
    DateTimeOffset UpdatedAt,
    string? RunwayTaskId = null,
    string? ErrorCode = null,
    string? ErrorMessage = null,
    string? ClaimToken = null)
{
    /// <summary>Runway's <c>estimatedCost</c> on the created task, so a re-run answers exactly what the first run did.</summary>
    public long? RunwayEstimatedCredits { get; init; }

    /// <summary>The POST may be on its way: a re-execution must not post again.</summary>
    public const string Submitting = "submitting";
    public const string Submitted = "submitted";
    /// <summary>Runway definitely did not create a task (validation, 401, credits, quota).</summary>
    public const string Rejected = "rejected";
}

/// <summary>
/// Small JSON blobs <c>{generationId}.json</c> in <c>Output__SubmissionsContainer</c> that make a submission at-most-once
/// even when the durable engine runs the submit activity again after a crash. The first write is conditional
/// (If-None-Match: *), so two concurrent executions cannot both claim the right to POST.
/// </summary>
public class SubmissionLedger
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly BlobContainerClient _container = null!;
    private bool _containerReady;

    /// <summary>For mocking.</summary>
    protected SubmissionLedger()
    {
    }

    [ActivatorUtilitiesConstructor]
    public SubmissionLedger([FromKeyedServices(VideoStorageClientFactory.ConnectionName)] BlobServiceClient blobs, IOptions<OutputOptions> options)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(options);
        _container = blobs.GetBlobContainerClient(options.Value.SubmissionsContainer);
    }

    /// <summary>Records "submitting" if nothing is recorded yet; returns null when the caller may POST, else what was already recorded.</summary>
    public virtual async Task<SubmissionRecord?> TryClaimAsync(string generationId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var blob = _container.GetBlobClient(BlobName(generationId));
        string token = Guid.NewGuid().ToString("N");
        var record = new SubmissionRecord(generationId, SubmissionRecord.Submitting, now, ClaimToken: token);
        try
        {
            await blob.UploadAsync(BinaryData.FromObjectAsJson(record, Json),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            var existing = await GetAsync(generationId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The submission record of generation {generationId} exists but could not be read.");
            // The storage SDK retries a create whose response was lost; that retry conflicts with our own record,
            // and nothing has been posted under it yet.
            return existing.State == SubmissionRecord.Submitting && string.Equals(existing.ClaimToken, token, StringComparison.Ordinal)
                ? null
                : existing;
        }
    }

    public virtual async Task RecordAsync(SubmissionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        await _container.GetBlobClient(BlobName(record.GenerationId))
            .UploadAsync(BinaryData.FromObjectAsJson(record, Json), overwrite: true, cancellationToken).ConfigureAwait(false);
    }

    public virtual async Task<SubmissionRecord?> GetAsync(string generationId, CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await _container.GetBlobClient(BlobName(generationId)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToObjectFromJson<SubmissionRecord>(Json);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    internal static string BlobName(string generationId) => generationId + ".json";

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_containerReady)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _containerReady = true;
        }
    }
}
