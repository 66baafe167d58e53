using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using RunwayRelay.Budget;

namespace RunwayRelay.IntegrationTests.Storage;

/// <summary>
/// The spend records on Azurite: one create-only record per generation, a shared day blob only under a day limit, and
/// the day blobs of earlier versions still read.
/// </summary>
public sealed class DailySpendStoreTests(AzuriteFixture azurite) : AzuriteTestBase(azurite)
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = DateOnly.FromDateTime(At.UtcDateTime);
    private readonly string _container = "submissions-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task TryReserveAsync_NoDayLimit_OnePutPerGenerationAndNoSharedBlob()
    {
        var requests = new ConcurrentQueue<string>();
        var store = Store(RecordingBlobClient.Create(Azurite.ConnectionString, requests), dayLimit: null);
        await store.TryReserveAsync(Entry("gen-warm", 1), limit: null); // creates the container
        requests.Clear();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => store.TryReserveAsync(Entry($"gen-{i}", 10), limit: null)));

        Assert.All(results, r => Assert.Equal(SpendReservation.Reserved, r.Result));
        Assert.True(requests.Count == 20 && requests.All(r => r.StartsWith("PUT ", StringComparison.Ordinal)), string.Join(" | ", requests));
        Assert.DoesNotContain(await BlobNamesAsync(), n => n == DailySpendStore.BlobName(Day));
        Assert.Contains(DailySpendStore.RecordName(Day, "gen-7"), await BlobNamesAsync());
        var day = await store.GetAsync(Day);
        Assert.Equal((21, 201L), (day.Generations.Count, day.TotalCredits));
    }

    [Fact]
    public async Task RecordRunwayEstimateAsync_NoDayLimit_ReplacesOnlyTheGenerationsRecord()
    {
        var requests = new ConcurrentQueue<string>();
        var store = Store(RecordingBlobClient.Create(Azurite.ConnectionString, requests), dayLimit: null);
        await store.TryReserveAsync(Entry("gen-a", 10), limit: null);
        requests.Clear();

        await store.RecordRunwayEstimateAsync(Day, "gen-a", 12);

        Assert.All(requests, r => Assert.Contains("/spend/2026-11-30/gen-a.json", r, StringComparison.Ordinal));
        Assert.True(requests.Count == 2, string.Join(" | ", requests));
        var entry = Assert.Single((await store.GetAsync(Day)).Generations);
        Assert.Equal((10L, 12L, 12L), (entry.EstimatedCredits, entry.RunwayEstimatedCredits, entry.Credits));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1000L)]
    public async Task ReserveRecordRelease_ActivityRunsAgain_CountedOnceThenGone(long? dayLimit)
    {
        var store = Store(new BlobServiceClient(Azurite.ConnectionString), dayLimit);

        var first = await store.TryReserveAsync(Entry("gen-a", 10), dayLimit);
        var again = await store.TryReserveAsync(Entry("gen-a", 10) with { At = At.AddSeconds(5) }, dayLimit);
        await store.RecordRunwayEstimateAsync(Day, "gen-a", 12);
        await store.RecordRunwayEstimateAsync(Day, "gen-a", 12);

        Assert.Equal((SpendReservation.Reserved, SpendReservation.AlreadyReserved), (first.Result, again.Result));
        var entry = Assert.Single((await store.GetAsync(Day)).Generations);
        Assert.Equal((At, 12L), (entry.At, entry.Credits));

        await store.ReleaseAsync(Day, "gen-a");
        await store.ReleaseAsync(Day, "gen-a");

        Assert.Empty((await store.GetAsync(Day)).Generations);
        Assert.Equal(SpendReservation.Reserved, (await store.TryReserveAsync(Entry("gen-a", 10), dayLimit)).Result);
    }

    [Fact]
    public async Task TryReserveAsync_DayLimitSetDuringTheDay_CountsWhatWasReservedBefore()
    {
        var storage = new BlobServiceClient(Azurite.ConnectionString);
        await Store(storage, dayLimit: null).TryReserveAsync(Entry("gen-before", 80), limit: null);
        var limited = Store(storage, dayLimit: 100);

        var over = await limited.TryReserveAsync(Entry("gen-after", 30), limit: 100);
        var fits = await limited.TryReserveAsync(Entry("gen-small", 20), limit: 100);

        Assert.Equal((SpendReservation.OverLimit, 80L), over);
        Assert.Equal((SpendReservation.Reserved, 100L), fits);
        Assert.Contains(DailySpendStore.BlobName(Day), await BlobNamesAsync());
        Assert.Equal(["gen-before", "gen-small"], (await limited.GetAsync(Day)).Generations.Select(g => g.GenerationId));
    }

    [Fact]
    public async Task GetAsync_DayBlobOfAnEarlierVersion_IsReadWithTheNewRecords()
    {
        var storage = new BlobServiceClient(Azurite.ConnectionString);
        await WriteEarlierVersionDayAsync(storage.GetBlobContainerClient(_container), Day);
        var store = Store(storage, dayLimit: null);
        await store.TryReserveAsync(Entry("gen-new", 5), limit: null);
        // A generation the earlier version reserved finishes under this one: its estimate lands in the day blob.
        await store.RecordRunwayEstimateAsync(Day, "gen-old-2", 25);

        var day = await store.GetAsync(Day);
        var range = await store.GetRangeAsync(Day.AddDays(-40), Day.AddDays(1));

        Assert.Equal(["gen-old-1", "gen-old-2", "gen-new"], day.Generations.Select(g => g.GenerationId));
        Assert.Equal(12 + 25 + 5, day.TotalCredits);
        Assert.Equal(day.Generations, Assert.Single(range).Generations);
    }

    [Fact]
    public async Task GetRangeAsync_DaysAcrossMonths_AnswersEachDayWithEntriesInDateOrder()
    {
        var store = Store(new BlobServiceClient(Azurite.ConnectionString), dayLimit: null);
        foreach (var at in new[] { At.AddDays(2), At, At.AddDays(-45) })
        {
            await store.TryReserveAsync(Entry("gen-" + at.Day, 1) with { At = at }, limit: null);
        }

        var days = await store.GetRangeAsync(Day.AddDays(-60), Day.AddDays(1));

        Assert.Equal([Day.AddDays(-45), Day], days.Select(d => d.Date));
    }

    internal static async Task WriteEarlierVersionDayAsync(BlobContainerClient container, DateOnly date)
    {
        // Exactly what versions before the per-generation records stored, computed properties included.
        string day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient($"spend/{day}.json").UploadAsync(BinaryData.FromString($$"""
            {"date":"{{day}}","generations":[
              {"generationId":"gen-old-1","model":"gen4.5","estimatedCredits":12,"at":"{{day}}T08:00:00+00:00","runwayEstimatedCredits":null,"credits":12},
              {"generationId":"gen-old-2","model":"gen4.5","estimatedCredits":20,"at":"{{day}}T09:00:00+00:00","runwayEstimatedCredits":null,"credits":20}],
             "totalCredits":32}
            """));
    }

    private static SpendEntry Entry(string generationId, long credits) => new(generationId, "gen4.5", credits, At);

    private DailySpendStore Store(BlobServiceClient storage, long? dayLimit) =>
        new(storage, Options.Create(new OutputOptions { SubmissionsContainer = _container }), new FixedMonitor<BudgetOptions>(new BudgetOptions { MaxCreditsPerDay = dayLimit }));

    private async Task<List<string>> BlobNamesAsync()
    {
        var names = new List<string>();
        await foreach (var item in new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient(_container).GetBlobsAsync())
        {
            names.Add(item.Name);
        }
        return names;
    }

    private sealed class FixedMonitor<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;
        public T Get(string? name) => value;
        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
