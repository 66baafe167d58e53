using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunwayRelay.Budget;
using RunwayRelay.Common;

namespace RunwayRelay.Storage;

/// <summary>
/// The submissions this service counted, in <c>Output__SubmissionsContainer</c>. Each generation has its own record
/// <c>spend/{yyyy-MM-dd}/{generationId}.json</c>, created once (If-None-Match: *) and replaced only to add Runway's
/// estimate, so submissions without a day limit share no blob and never wait for one another. Only with
/// <c>Budget__MaxCreditsPerDay</c> set is the day also counted in <c>spend/{yyyy-MM-dd}.json</c>, a read-modify-write
/// conditional on its ETag, repeated when another writer came first, so concurrent submissions can never both fit under
/// a limit only one of them fits under. That day blob is also all that versions before the per-generation records
/// wrote, so a day is read as both, a generation's own record winning.
/// </summary>
public sealed class DailySpendStore : IDailySpendStore
{
    internal const string Prefix = "spend/";
    private const int MaxAttempts = 50;
    private readonly JsonBlobContainer _blobs;
    private readonly IOptionsMonitor<BudgetOptions> _budget;

    public DailySpendStore([FromKeyedServices(VideoStorageClientFactory.ConnectionName)] BlobServiceClient blobs, IOptions<OutputOptions> options,
        IOptionsMonitor<BudgetOptions> budget)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(budget);
        _blobs = new JsonBlobContainer(blobs, () => options.Value.SubmissionsContainer);
        _budget = budget;
    }

    private bool DayLimitSet => _budget.CurrentValue.MaxCreditsPerDay is not null;

    public async Task<DailySpend> GetAsync(DateOnly date, CancellationToken cancellationToken = default) =>
        (await ReadDaysAsync(Prefix + Day(date), date, date, cancellationToken).ConfigureAwait(false)).SingleOrDefault() ?? new DailySpend(date, []);

    public async Task<IReadOnlyList<DailySpend>> GetRangeAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        // One listing per month, not of every record ever written.
        var days = new List<DailySpend>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            string prefix = Prefix + month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            days.AddRange(await ReadDaysAsync(prefix, from, to, cancellationToken).ConfigureAwait(false));
        }
        return days;
    }

    public async Task<(SpendReservation Result, long DayTotal)> TryReserveAsync(SpendEntry entry, long? limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var date = UtcDays.Of(entry.At);
        string record = RecordName(date, entry.GenerationId);
        if (limit is null && !DayLimitSet)
        {
            bool created = await _blobs.TryCreateAsync(record, entry, cancellationToken, MetadataOf(entry)).ConfigureAwait(false);
            return (created ? SpendReservation.Reserved : SpendReservation.AlreadyReserved, 0);
        }

        (SpendReservation, long) outcome = default;
        await UpdateDayAsync(date, seed: true, spend =>
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
        if (outcome.Item1 != SpendReservation.OverLimit)
        {
            // After the day's count, so a crash in between leaves the day counting it (never under-counting); a re-run keeps the first record.
            await _blobs.TryCreateAsync(record, entry, cancellationToken, MetadataOf(entry)).ConfigureAwait(false);
        }
        return outcome;
    }

    public async Task ReleaseAsync(DateOnly date, string generationId, CancellationToken cancellationToken = default)
    {
        await _blobs.DeleteAsync(RecordName(date, generationId), cancellationToken).ConfigureAwait(false);
        // Whether or not a day limit is set now, the day blob may count the generation (one was set when it was reserved).
        await UpdateDayAsync(date, seed: false, spend => spend.Generations.Any(g => g.GenerationId == generationId)
            ? spend with { Generations = [.. spend.Generations.Where(g => g.GenerationId != generationId)] }
            : null, cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordRunwayEstimateAsync(DateOnly date, string generationId, long credits, CancellationToken cancellationToken = default)
    {
        bool recorded = await RecordOnOwnRecordAsync(RecordName(date, generationId), credits, cancellationToken).ConfigureAwait(false);
        // Without a record of its own the generation was reserved by an earlier version, in the day blob.
        if (!recorded || DayLimitSet)
        {
            await UpdateDayAsync(date, seed: false, spend => spend.Generations.Any(g => g.GenerationId == generationId)
                ? spend with { Generations = [.. spend.Generations.Select(g => g.GenerationId == generationId ? g with { RunwayEstimatedCredits = credits } : g)] }
                : null, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static string BlobName(DateOnly date) => Prefix + Day(date) + ".json";

    internal static string RecordName(DateOnly date, string generationId) => Prefix + Day(date) + "/" + generationId + ".json";

    private static string Day(DateOnly date) => UtcDays.ToText(date);

    /// <summary>False when the generation has no record of its own.</summary>
    private async Task<bool> RecordOnOwnRecordAsync(string name, long credits, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            if (await _blobs.ReadAsync<SpendEntry>(name, cancellationToken).ConfigureAwait(false) is not { } read)
            {
                return false;
            }
            if (read.Value.RunwayEstimatedCredits == credits)
            {
                return true;
            }
            var updated = read.Value with { RunwayEstimatedCredits = credits };
            if (await _blobs.TryReplaceAsync(name, updated, read.ETag, cancellationToken, MetadataOf(updated)).ConfigureAwait(false))
            {
                return true;
            }
            ThrowWhenExhausted(attempt, name);
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> (null = no change) to the day blob until a conditional write of its result
    /// succeeds. A day blob made now starts from the day's records when <paramref name="seed"/>, so a limit set during
    /// the day also counts what was submitted before.
    /// </summary>
    private async Task UpdateDayAsync(DateOnly date, bool seed, Func<DailySpend, DailySpend?> change, CancellationToken cancellationToken)
    {
        string name = BlobName(date);
        for (int attempt = 1; ; attempt++)
        {
            var read = await _blobs.ReadAsync<DailySpend>(name, cancellationToken).ConfigureAwait(false);
            var spend = read is not null ? Complete(read.Value, date)
                : seed ? await GetAsync(date, cancellationToken).ConfigureAwait(false)
                : new DailySpend(date, []);
            if (change(spend) is not { } updated)
            {
                return;
            }
            bool written = read is null
                ? await _blobs.TryCreateAsync(name, updated, cancellationToken).ConfigureAwait(false)
                : await _blobs.TryReplaceAsync(name, updated, read.ETag, cancellationToken).ConfigureAwait(false);
            if (written)
            {
                return;
            }
            ThrowWhenExhausted(attempt, name);
            // Another submission wrote the day first: read it again and re-decide on the new total.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 5 + 5 * attempt)), cancellationToken).ConfigureAwait(false);
        }
    }

    private static void ThrowWhenExhausted(int attempt, string name)
    {
        if (attempt >= MaxAttempts)
        {
            throw new RequestFailedException(412, $"'{name}' kept changing: {MaxAttempts} conditional writes failed.");
        }
    }

    /// <summary>
    /// The days between <paramref name="from"/> and <paramref name="to"/> under <paramref name="prefix"/> that hold any
    /// entry: one listing, whose metadata carries each record, and a read of each day blob.
    /// </summary>
    private async Task<IReadOnlyList<DailySpend>> ReadDaysAsync(string prefix, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var records = new SortedDictionary<DateOnly, Dictionary<string, SpendEntry>>();
        var dayBlobs = new List<DateOnly>();
        try
        {
            var listing = _blobs.Client.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix, Traits = BlobTraits.Metadata }, cancellationToken);
            await foreach (var item in listing.ConfigureAwait(false))
            {
                if (!TryParseName(item.Name, out var date, out bool isDayBlob) || date < from || date > to)
                {
                    continue;
                }
                if (isDayBlob)
                {
                    dayBlobs.Add(date);
                }
                else if ((FromMetadata(item.Metadata) ?? (await _blobs.ReadAsync<SpendEntry>(item.Name, cancellationToken).ConfigureAwait(false))?.Value) is { } entry)
                {
                    EntriesOf(records, date)[entry.GenerationId] = entry;
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No container yet: nothing was ever submitted.
        }
        foreach (var date in dayBlobs)
        {
            if (await _blobs.ReadAsync<DailySpend>(BlobName(date), cancellationToken).ConfigureAwait(false) is { } day)
            {
                var own = EntriesOf(records, date);
                foreach (var entry in Complete(day.Value, date).Generations)
                {
                    own.TryAdd(entry.GenerationId, entry);
                }
            }
        }
        return [.. records.Where(r => r.Value.Count > 0).Select(r => new DailySpend(r.Key, [.. r.Value.Values.OrderBy(e => e.At)]))];

        static Dictionary<string, SpendEntry> EntriesOf(SortedDictionary<DateOnly, Dictionary<string, SpendEntry>> records, DateOnly date) =>
            records.TryGetValue(date, out var day) ? day : records[date] = new(StringComparer.Ordinal);
    }

    /// <summary><c>spend/{date}.json</c> (a day blob) or <c>spend/{date}/{generationId}.json</c> (a record).</summary>
    private static bool TryParseName(string name, out DateOnly date, out bool isDayBlob)
    {
        isDayBlob = false;
        date = default;
        if (!name.StartsWith(Prefix, StringComparison.Ordinal) || name.Length < Prefix.Length + UtcDays.Format.Length
            || !UtcDays.TryParse(name.AsSpan(Prefix.Length, UtcDays.Format.Length), out date))
        {
            return false;
        }
        var rest = name.AsSpan(Prefix.Length + UtcDays.Format.Length);
        isDayBlob = rest.SequenceEqual(".json");
        return isDayBlob || (rest.StartsWith("/") && rest.EndsWith(".json"));
    }

    private static DailySpend Complete(DailySpend spend, DateOnly date) => spend with { Date = date, Generations = spend.Generations ?? [] };

    /// <summary>The record's fields as blob metadata, so one listing reads a whole day without downloading each record.</summary>
    private static Dictionary<string, string> MetadataOf(SpendEntry entry)
    {
        var metadata = new Dictionary<string, string>
        {
            ["generationid"] = entry.GenerationId,
            ["model"] = entry.Model,
            ["estimatedcredits"] = entry.EstimatedCredits.ToString(CultureInfo.InvariantCulture),
            ["at"] = entry.At.ToString("O", CultureInfo.InvariantCulture),
        };
        if (entry.RunwayEstimatedCredits is { } runway)
        {
            metadata["runwayestimatedcredits"] = runway.ToString(CultureInfo.InvariantCulture);
        }
        return metadata;
    }

    /// <summary>The record from its metadata; null when it lacks any field (then its JSON is read).</summary>
    private static SpendEntry? FromMetadata(IDictionary<string, string>? metadata)
    {
        if (metadata is null
            || !metadata.TryGetValue("generationid", out var id)
            || !metadata.TryGetValue("model", out var model)
            || !metadata.TryGetValue("estimatedcredits", out var estimated) || !long.TryParse(estimated, NumberStyles.Integer, CultureInfo.InvariantCulture, out long credits)
            || !metadata.TryGetValue("at", out var at) || !DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.None, out var when))
        {
            return null;
        }
        long? runway = metadata.TryGetValue("runwayestimatedcredits", out var r) && long.TryParse(r, NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed)
            ? parsed
            : null;
        return new SpendEntry(id, model, credits, when) { RunwayEstimatedCredits = runway };
    }
}
