using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using RunwayRelay.Emulator;
using RunwayRelay.Emulator.Admin;

namespace RunwayRelay.Benchmarks;

/// <summary>
/// History benchmark (issue 10 part 3): what one generation leaves in the durable store, for generations of the given
/// lengths (time-scaled: emulator and poll settings alike), text only and with a 2 MiB data-URI image, on the DevHost.
/// While it runs, the history partition is read every 250 ms (events and bytes of each execution); Azurite's debug
/// log gives the bytes sent to storage; at the end the history rows, the instance row and the large-message blobs
/// that remain are counted. Each generation runs alone on a fresh stack, so every figure is its own.
/// Usage: history [minutes=3,30] [timeScale=0.05]
/// </summary>
internal static class HistoryBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        double[] minutes = (args.Length > 0 ? args[0] : "3,30").Split(',').Select(s => double.Parse(s, inv)).ToArray();
        double scale = args.Length > 1 ? double.Parse(args[1], inv) : 0.05;
        string root = CopyBench.RepoRoot();
        const string prefix = "data:image/png;base64,";
        string image = prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes((2 * 1024 * 1024 - prefix.Length) / 4 * 3));

        var md = new StringBuilder();
        md.AppendLine(string.Create(inv, $"Time scale {scale} (a 30-minute generation takes {30 * 60 * scale:0} s; Runway__PollInterval and Runway__MaxPollInterval scaled alike: {5 * scale:0.###} s and {30 * scale:0.###} s); one generation per fresh DevHost stack. Events and bytes per execution: the largest execution seen (the history partition read every 250 ms; bytes = keys and property values as stored); per generation: every execution summed, and the request bytes sent to the table service."));
        md.AppendLine();
        md.AppendLine("| generation | polls (status GETs) | executions seen | events per execution (max) | history bytes per execution (max) | history bytes per generation (all executions) | table request bytes per generation | history rows / bytes left at the end | large-message blobs written / left at the end |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (double m in minutes)
        {
            foreach (bool withImage in new[] { false, true })
            {
                var r = await RunOnceAsync(root, m, scale, withImage ? image : null);
                string name = string.Create(inv, $"{m:0.#} min, {(withImage ? "image_to_video, 2 MiB data URI" : "text_to_video")}");
                Console.Error.WriteLine($"{name}: {r}");
                md.AppendLine(string.Create(inv,
                    $"| {name} | {r.Polls} | {r.Executions} | {r.MaxEvents} | {r.MaxExecutionBytes / 1024.0:F1} KiB | {r.HistoryBytes / 1024.0:F1} KiB | {r.TableRequestBytes / 1024.0:F1} KiB | {r.RowsLeft} / {r.BytesLeft / 1024.0:F1} KiB | {r.LargeMessagesWritten} / {r.LargeMessagesLeft} |"));
            }
        }
        Console.Write(md.ToString());
        return 0;
    }

    private static async Task<HistoryResult> RunOnceAsync(string root, double minutes, double scale, string? image)
    {
        var inv = CultureInfo.InvariantCulture;
        var emulator = new EmulatorOptions
        {
            TimeScale = scale,
            GenerationTime = TimeSpan.FromMinutes(minutes),
            DefaultMaxConcurrentGenerations = 100,
            InitialCreditBalance = 1_000_000_000,
        };
        var settings = new Dictionary<string, string?>
        {
            ["Runway__PollInterval"] = TimeSpan.FromSeconds(5 * scale).ToString("c", inv),
            ["Runway__MaxPollInterval"] = TimeSpan.FromSeconds(30 * scale).ToString("c", inv),
        };
        await using var stack = await DevHostStack.StartAsync(root, emulator, settings, countRequests: true);
        object body = image is null
            ? new { endpoint = "text_to_video", model = "gen4.5", promptText = "a lighthouse at dusk [emulator:succeed]", ratio = "1280:720", duration = 5, callbackUrl = stack.CallbackUrl.AbsoluteUri }
            : new { endpoint = "image_to_video", model = "gen4_turbo", promptText = "a cat on a fence [emulator:succeed]", promptImage = image, ratio = "1280:720", duration = 5, callbackUrl = stack.CallbackUrl.AbsoluteUri };
        var before = StorageRequestCounts.Read(stack.Azurite.DebugLog!, stack.TaskHub);
        using var posted = await stack.Http.PostAsJsonAsync(new Uri("/api/generations", UriKind.Relative), body);
        if (posted.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST answered {(int)posted.StatusCode}: {await posted.Content.ReadAsStringAsync()}");
        }
        string id = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var tables = new TableServiceClient(stack.Azurite.ConnectionString);
        var history = tables.GetTableClient(stack.TaskHub + "History");
        var largeMessages = new BlobServiceClient(stack.Azurite.ConnectionString).GetBlobContainerClient(stack.TaskHub.ToLowerInvariant() + "-largemessages");
        var executions = new Dictionary<string, (int Events, long Bytes)>();
        var largeSeen = new HashSet<string>();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(minutes * scale * 3) + TimeSpan.FromMinutes(2);
        while (!stack.Ended.ContainsKey(id))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"generation {id} did not end:\n{stack.Output}");
            }
            await SampleAsync(history, id, executions);
            await foreach (var blob in ListAsync(largeMessages))
            {
                largeSeen.Add(blob.Name);
            }
            await Task.Delay(250);
        }
        // The orchestration completes just after its callback: wait for the final status.
        var end = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < end)
        {
            using var status = await stack.Http.GetAsync(new Uri($"/api/generations/{id}", UriKind.Relative));
            if (status.StatusCode == HttpStatusCode.OK)
            {
                break;
            }
            await Task.Delay(200);
        }
        await Task.Delay(2000);
        await SampleAsync(history, id, executions);
        var requests = StorageRequestCounts.Read(stack.Azurite.DebugLog!, stack.TaskHub);

        int rowsLeft = 0;
        long bytesLeft = 0;
        await foreach (var row in history.QueryAsync<TableEntity>(e => e.PartitionKey == id))
        {
            rowsLeft++;
            bytesLeft += Size(row);
        }
        int largeLeft = 0;
        await foreach (var blob in ListAsync(largeMessages))
        {
            largeSeen.Add(blob.Name);
            largeLeft++;
        }
        string runwayTask = stack.Runway.Activity.Creates.Single().TaskId;
        int polls = stack.Runway.Activity.Requests.Count(r => r.Kind == RouteKind.Read && r.Method == "GET" && r.TaskId == runwayTask);
        return new HistoryResult(polls, executions.Count, executions.Values.Max(e => e.Events), executions.Values.Max(e => e.Bytes),
            executions.Values.Sum(e => e.Bytes), requests.TableBytesSent - before.TableBytesSent, rowsLeft, bytesLeft, largeSeen.Count, largeLeft);
    }

    private static async IAsyncEnumerable<Azure.Storage.Blobs.Models.BlobItem> ListAsync(BlobContainerClient container)
    {
        if (!(await container.ExistsAsync()).Value)
        {
            yield break;
        }
        await foreach (var blob in container.GetBlobsAsync())
        {
            yield return blob;
        }
    }

    private static async Task SampleAsync(TableClient history, string id, Dictionary<string, (int Events, long Bytes)> executions)
    {
        var now = new Dictionary<string, (int Events, long Bytes)>();
        try
        {
            await foreach (var row in history.QueryAsync<TableEntity>(e => e.PartitionKey == id))
            {
                string execution = row.GetString("ExecutionId") ?? "?";
                var (events, bytes) = now.GetValueOrDefault(execution);
                now[execution] = (events + 1, bytes + Size(row));
            }
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return;
        }
        foreach (var (execution, seen) in now)
        {
            var (events, bytes) = executions.GetValueOrDefault(execution);
            executions[execution] = (Math.Max(events, seen.Events), Math.Max(bytes, seen.Bytes));
        }
    }

    private static long Size(TableEntity row)
    {
        long bytes = 0;
        foreach (var (key, value) in row)
        {
            bytes += Encoding.UTF8.GetByteCount(key) + value switch
            {
                string s => Encoding.UTF8.GetByteCount(s),
                byte[] b => b.Length,
                BinaryData d => d.ToMemory().Length,
                null => 0,
                _ => 8,
            };
        }
        return bytes;
    }

    private sealed record HistoryResult(int Polls, int Executions, int MaxEvents, long MaxExecutionBytes, long HistoryBytes, long TableRequestBytes,
        int RowsLeft, long BytesLeft, int LargeMessagesWritten, int LargeMessagesLeft);
}
