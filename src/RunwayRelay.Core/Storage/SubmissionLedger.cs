using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RunwayRelay.Storage;

/// <summary>
/// Small JSON blobs <c>{generationId}.json</c> in <c>Output__SubmissionsContainer</c> that make a submission at-most-once
/// even when the durable engine runs the submit activity again after a crash. The first write is conditional
/// (If-None-Match: *), so two concurrent executions cannot both claim the right to POST.
/// </summary>
public sealed class SubmissionLedger(
    [FromKeyedServices(VideoStorageClientFactory.ConnectionName)] BlobServiceClient blobs, IOptions<OutputOptions> options) : ISubmissionLedger
{
    private readonly JsonBlobContainer _blobs = new(blobs, () => options.Value.SubmissionsContainer);

    public async Task<SubmissionRecord?> TryClaimAsync(string generationId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        string token = Guid.NewGuid().ToString("N");
        var record = new SubmissionRecord(generationId, SubmissionState.Submitting, now, ClaimToken: token);
        if (await _blobs.TryCreateAsync(BlobName(generationId), record, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        var existing = await GetAsync(generationId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The submission record of generation {generationId} exists but could not be read.");
        // The storage SDK retries a create whose response was lost; that retry conflicts with our own record,
        // and nothing has been posted under it yet.
        return existing.State == SubmissionState.Submitting && string.Equals(existing.ClaimToken, token, StringComparison.Ordinal)
            ? null
            : existing;
    }

    public Task RecordAsync(SubmissionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return _blobs.PutAsync(BlobName(record.GenerationId), record, cancellationToken);
    }

    public async Task<SubmissionRecord?> GetAsync(string generationId, CancellationToken cancellationToken = default) =>
        (await _blobs.ReadAsync<SubmissionRecord>(BlobName(generationId), cancellationToken).ConfigureAwait(false))?.Value;

    internal static string BlobName(string generationId) => generationId + ".json";
}
