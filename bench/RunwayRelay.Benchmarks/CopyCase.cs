using System.Diagnostics;
using System.Globalization;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RunwayRelay.Storage;

namespace RunwayRelay.Benchmarks;

/// <summary>
/// One measured transfer in its own process (so peaks never mix): the production copy, or one of its bounds. Prints
/// "seconds peakGrowthBytes allocatedBytes bytes" on one line. The peak growth is VmHWM after the transfer minus RSS
/// just before it (the peak is reset first), so it is what the transfer itself added.
/// Usage: copy-case {copy|pipe|download|upload-blocks|upload-single} url connection file blockSize concurrency
/// (RUNWAYRELAY_BENCH_WARM_COPY=1: one unmeasured production copy first).
/// </summary>
internal static class CopyCase
{
    public static async Task<int> RunAsync(string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        string kind = args[0];
        var source = new Uri(args[1]);
        string connection = args[2];
        string file = args[3];
        int blockSize = int.Parse(args[4], inv);
        int concurrency = int.Parse(args[5], inv);

        var blobs = new BlobServiceClient(connection);
        var container = blobs.GetBlobContainerClient("bench-copy");
        await container.CreateIfNotExistsAsync();
        string blobName = $"{kind}-{Guid.NewGuid():N}.mp4";
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
        var transfer = new StorageTransferOptions { InitialTransferSize = blockSize, MaximumTransferSize = blockSize, MaximumConcurrency = concurrency };
        var store = new BlobVideoStore(http, blobs, Options.Create(new OutputOptions
        {
            Container = container.Name,
            UploadBlockSize = blockSize,
            UploadConcurrency = concurrency,
        }), NullLogger<BlobVideoStore>.Instance);

        // Warm up connections and JIT on a tiny transfer so the measured one is only the transfer.
        await container.GetBlockBlobClient("warm-" + blobName).UploadAsync(new MemoryStream(new byte[1024]));
        using (var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, source))) { head.EnsureSuccessStatusCode(); }

        if (Environment.GetEnvironmentVariable("RUNWAYRELAY_BENCH_WARM_COPY") == "1")
        {
            // As in a long-running host: one whole copy first (JIT, pools), then the measured one.
            await store.CopyAsync(source, "warm-copy-" + blobName, new VideoMetadata("bench-task", "gen4.5", "bench", new string('0', 64)));
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        ProcessStats.ResetPeak();
        long before = ProcessStats.ResidentBytes();
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        long bytes;
        switch (kind)
        {
            case "copy":
                bytes = (await store.CopyAsync(source, blobName, new VideoMetadata("bench-task", "gen4.5", "bench", new string('0', 64)))).Size;
                break;
            case "pipe":
                {
                    using var response = await http.GetAsync(source, HttpCompletionOption.ResponseHeadersRead);
                    response.EnsureSuccessStatusCode();
                    await using var body = await response.Content.ReadAsStreamAsync();
                    await container.GetBlockBlobClient(blobName).UploadAsync(body, new BlobUploadOptions { TransferOptions = transfer });
                    bytes = response.Content.Headers.ContentLength ?? -1;
                    break;
                }
            case "download":
                {
                    using var response = await http.GetAsync(source, HttpCompletionOption.ResponseHeadersRead);
                    response.EnsureSuccessStatusCode();
                    await using var body = await response.Content.ReadAsStreamAsync();
                    var buffer = new byte[1 << 20];
                    bytes = 0;
                    int read;
                    while ((read = await body.ReadAsync(buffer)) > 0)
                    {
                        bytes += read;
                    }
                    break;
                }
            case "upload-blocks":
            case "upload-single":
                {
                    await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
                    bytes = stream.Length;
                    var options = kind == "upload-single"
                        // One Put Blob of the whole file (the fastest path Azurite has): the bound no block upload can beat.
                        ? new StorageTransferOptions { InitialTransferSize = stream.Length, MaximumTransferSize = blockSize, MaximumConcurrency = 1 }
                        : transfer;
                    await container.GetBlockBlobClient(blobName).UploadAsync(stream, new BlobUploadOptions { TransferOptions = options });
                    break;
                }
            default:
                throw new ArgumentException($"unknown copy case {kind}");
        }
        double seconds = clock.Elapsed.TotalSeconds;
        long peakGrowth = ProcessStats.PeakBytes() - before;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        if (kind != "download")
        {
            long stored = (await container.GetBlobClient(blobName).GetPropertiesAsync()).Value.ContentLength;
            if (stored != bytes)
            {
                throw new InvalidOperationException($"{kind}: stored {stored} bytes, expected {bytes}");
            }
            await container.DeleteBlobAsync(blobName);
        }
        Console.WriteLine(string.Create(inv, $"{seconds:F3} {peakGrowth} {allocated} {bytes}"));
        return 0;
    }
}
