using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RunwayRelay.Storage;

/// <summary>
/// One JSON blob per UTC day, <c>spend/{yyyy-MM-dd}.json</c> in <c>Output__SubmissionsContainer</c>, listing the
/// submissions this service counted that day. Every change is a read-modify-write conditional on the blob's ETag
/// (If-None-Match: * for the first), repeated when another writer came first, so concurrent submissions can never both
/// fit under a limit only one of them fits under.
/// </summary>
public class DailySpendStore
{
    internal const string Prefix = "spend/";
    private const int MaxAttempts = 50;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly BlobContainerClient _container = null!;
    private readonly ContainerGate _gate = null!;

    /// <summary>For mocking.</summary>
    protected DailySpendStore()
    {
    }

    [ActivatorUtilitiesConstructor]
    public DailySpendStore([FromKeyedServices(VideoStorageClientFactory.ConnectionName)] BlobServiceClient blobs, IOptions<OutputOptions> options)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(options);
        _container = blobs.GetBlobContainerClient(options.Value.SubmissionsContainer);
        _gate = new ContainerGate(_container);
    }

    public virtual async Task<DailySpend> GetAsync(DateOnly date, CancellationToken cancellationToken = default) =>
        (await ReadAsync(date, cancellationToken).ConfigureAwait(false)).Spend;

    /// <summary>The days from <paramref name="from"/> to <paramref name="to"/> (inclusive) that hold any entry.</summary>
    public virtual async Task<IReadOnlyList<DailySpend>> GetRangeAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var days = new List<DailySpend>();
        try
        {
            await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = Prefix }, cancellationToken).ConfigureAwait(false))
            {
                if (DateOnly.TryParseExact(item.Name[Prefix.Length..].Replace(".json", "", StringComparison.Ordinal), "yyyy-MM-dd",
                        CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date >= from && date <= to)
                {
                    days.Add(await GetAsync(date, cancellationToken).ConfigureAwait(false));
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No container yet: nothing was ever submitted.
        }
        return days;
    }

    /// <summary>Adds <paramref name="entry"/> to its day unless the day already holds it, or the total would pass <paramref name="limit"/>.</summary>
    public virtual async Task<(SpendReservation Result, long DayTotal)> TryReserveAsync(SpendEntry entry, long? limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var date = DateOnly.FromDateTime(entry.At.UtcDateTime);
        (SpendReservation, long) outcome = default;
        await UpdateAsync(date, spend =>
        {
            if (spend.Generations.Any(g => g.GenerationId == entry.GenerationId))
            {
                outcome = (SpendReservation.AlreadyReserved, spend.TotalCredits);
                return null;
            }
            if (limit is { } max && spend.TotalCredits + entry.Credits > max)
            {
                outcome = (SpendReservation.OverLimit, spend.TotalCredits);
                return null;
            }
            var updated = spend with { Generations = [.. spend.Generations, entry] };
            outcome = (SpendReservation.Reserved, updated.TotalCredits);
            return updated;
        }, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>Takes a generation's entry off its day (Runway definitely created nothing).</summary>
    public virtual Task ReleaseAsync(DateOnly date, string generationId, CancellationToken cancellationToken = default) =>
        UpdateAsync(date, spend => spend.Generations.Any(g => g.GenerationId == generationId)
            ? spend with { Generations = [.. spend.Generations.Where(g => g.GenerationId != generationId)] }
            : null, cancellationToken);

    /// <summary>Records Runway's <c>estimatedCost</c> on a generation's entry.</summary>
    public virtual Task RecordRunwayEstimateAsync(DateOnly date, string generationId, long credits, CancellationToken cancellationToken = default) =>
        UpdateAsync(date, spend => spend.Generations.Any(g => g.GenerationId == generationId)
            ? spend with { Generations = [.. spend.Generations.Select(g => g.GenerationId == generationId ? g with { RunwayEstimatedCredits = credits } : g)] }
            : null, cancellationToken);

    internal static string BlobName(DateOnly date) => Prefix + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".json";

    /// <summary>Applies <paramref name="change"/> (null = no change) until a conditional write of its result succeeds.</summary>
    private async Task UpdateAsync(DateOnly date, Func<DailySpend, DailySpend?> change, CancellationToken cancellationToken)
    {
        await _gate.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var blob = _container.GetBlobClient(BlobName(date));
        for (int attempt = 1; ; attempt++)
        {
            var (spend, etag) = await ReadAsync(date, cancellationToken).ConfigureAwait(false);
            if (change(spend) is not { } updated)
            {
                return;
            }
            var conditions = etag is { } tag ? new BlobRequestConditions { IfMatch = tag } : new BlobRequestConditions { IfNoneMatch = ETag.All };
            try
            {
                await blob.UploadAsync(BinaryData.FromObjectAsJson(updated, Json), new BlobUploadOptions { Conditions = conditions }, cancellationToken)
                    .ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another submission wrote the day first: read it again and re-decide on the new total.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 5 + 5 * attempt)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<(DailySpend Spend, ETag? ETag)> ReadAsync(DateOnly date, CancellationToken cancellationToken)
    {
        try
        {
            var content = await _container.GetBlobClient(BlobName(date)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            var spend = content.Value.Content.ToObjectFromJson<DailySpend>(Json) ?? new DailySpend(date, []);
            return (spend with { Generations = spend.Generations ?? [] }, content.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (new DailySpend(date, []), null);
        }
    }
}
