using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;

namespace RunwayRelay.Benchmarks;

/// <summary>
/// The bound a POST's latency is measured against: the storage round trips one accepted POST makes, one after the
/// other, sent raw with the same SDKs by <c>n</c> callers at once to a fresh Azurite with nothing else running. No
/// HTTP hop, no JSON, no durable engine: what is left is Azurite's own queueing, so the relay's POST cannot be faster.
/// </summary>
internal static class PostFloor
{
    /// <summary>
    /// The storage requests of a POST without Idempotency-Key (as the load bench sends) in order: GenerationScheduler's,
    /// then the durable engine's start. With a key the scheduler first reads the instance too: one table GET more.
    /// </summary>
    public const string Steps =
        "blob PUT If-None-Match (the name's reservation), blob HEAD (a stored video under the name), " +
        "blob PUT If-None-Match (the payload), table GET (the durable engine's dedupe), table insert (the instance row), queue PUT (the start message)";

    public const int RoundTrips = 6;

    /// <summary>Seconds each of <paramref name="n"/> concurrent callers took for the whole sequence, sorted.</summary>
    public static async Task<List<double>> MeasureAsync(string root, int n)
    {
        await using var azurite = await LocalAzurite.StartAsync(root);
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var payloads = blobs.GetBlobContainerClient("runway-payloads");
        var videos = blobs.GetBlobContainerClient("runway-videos");
        await payloads.CreateIfNotExistsAsync();
        await videos.CreateIfNotExistsAsync();
        var instances = new TableServiceClient(azurite.ConnectionString).GetTableClient("benchInstances");
        await instances.CreateIfNotExistsAsync();
        var control = new QueueServiceClient(azurite.ConnectionString).GetQueueClient("bench-control-00");
        await control.CreateIfNotExistsAsync();

        // About the sizes the relay sends: a reservation, a text-to-video payload, an instance row and a start message.
        var reservation = BinaryData.FromString(new string('r', 160));
        var payload = BinaryData.FromString(new string('p', 900));
        string input = new('i', 900);
        string message = new('m', 1200);
        var create = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };

        async Task<double> OneAsync(string id)
        {
            var clock = Stopwatch.StartNew();
            await payloads.GetBlobClient($"names/{id}.json").UploadAsync(reservation, create);
            await videos.GetBlobClient(id + ".mp4").ExistsAsync();
            await payloads.GetBlobClient($"requests/{id}.json").UploadAsync(payload, create);
            await instances.GetEntityIfExistsAsync<TableEntity>(id, "");
            await instances.AddEntityAsync(new TableEntity(id, "") { ["Input"] = input, ["RuntimeStatus"] = "Pending" });
            await control.SendMessageAsync(message);
            return clock.Elapsed.TotalSeconds;
        }

        // Connections opened and code compiled first, as in the relay's own warm-up generation.
        await OneAsync("warm-up");
        var seconds = await Task.WhenAll(Enumerable.Range(0, n).Select(i => OneAsync($"g{i:D4}")));
        return [.. seconds.OrderBy(s => s)];
    }
}
