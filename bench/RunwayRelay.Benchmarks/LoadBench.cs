using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RunwayRelay.Emulator;

namespace RunwayRelay.Benchmarks;

/// <summary>
/// Concurrency benchmark (issue 10 part 3): N generations POSTed at once to one DevHost (its own process, Azurite, the
/// emulator without throttling, about 10 s per generation), each with a loopback callback that says when it ended.
/// Every N runs on a fresh stack; the N = 1 run of the same round is the bound the others are divided by.
/// A last round with Azurite's debug log counts storage requests per generation (that log slows Azurite, so its
/// times are not used).
/// Usage: load [counts=1,50,200] [runs=3] [generationSeconds=10]
/// </summary>
internal static class LoadBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        int[] counts = (args.Length > 0 ? args[0] : "1,50,200").Split(',').Select(s => int.Parse(s, inv)).ToArray();
        int runs = args.Length > 1 ? int.Parse(args[1], inv) : 3;
        double seconds = args.Length > 2 ? double.Parse(args[2], inv) : 10;
        string root = CopyBench.RepoRoot();

        var rounds = new List<Dictionary<int, LoadResult>>();
        for (int run = 0; run < runs; run++)
        {
            var round = new Dictionary<int, LoadResult>();
            foreach (int n in counts)
            {
                var r = await RunOnceAsync(root, n, seconds, countRequests: false);
                round[n] = r;
                Console.Error.WriteLine(string.Create(inv, $"run {run + 1}: {n} generations: {r.Makespan:F1} s, {r.Failures} failures, POST p95 {r.PostP95 * 1000:F0} ms, DevHost {r.DevHostCpu / n:F3} CPU-s/generation, peak RSS {r.PeakRss / 1048576.0:F0} MiB, Azurite {r.AzuriteCpu:F1} CPU-s"));
            }
            rounds.Add(round);
        }
        // The durable backend's activity concurrency, side by side at the largest count: the backend's own default (10) and others.
        int[] sweep = (Environment.GetEnvironmentVariable("BENCH_LOAD_ACTIVITIES") ?? "10,30,100").Split(',').Select(v => int.Parse(v, inv)).ToArray();
        var swept = sweep.ToDictionary(v => v, _ => new List<LoadResult>());
        for (int run = 0; run < runs; run++)
        {
            foreach (int v in sweep)
            {
                var r = await RunOnceAsync(root, counts[^1], seconds, countRequests: false, activities: v);
                swept[v].Add(r);
                Console.Error.WriteLine(string.Create(inv, $"run {run + 1}: {counts[^1]} generations, DevHost__MaxConcurrentActivities={v}: {r.Makespan:F1} s, {r.Failures} failures, POST p95 {r.PostP95 * 1000:F0} ms"));
            }
        }
        var floors = new Dictionary<int, List<List<double>>>();
        foreach (int n in counts)
        {
            floors[n] = [];
            for (int run = 0; run < runs; run++)
            {
                var f = await PostFloor.MeasureAsync(root, n);
                floors[n].Add(f);
                Console.Error.WriteLine(string.Create(inv, $"raw POST floor run {run + 1}: {n} at once: p50 {Percentile(f, 0.5) * 1000:F0} ms, p95 {Percentile(f, 0.95) * 1000:F0} ms"));
            }
        }
        var counted = new Dictionary<int, LoadResult>();
        foreach (int n in counts)
        {
            counted[n] = await RunOnceAsync(root, n, seconds, countRequests: true);
            Console.Error.WriteLine(string.Create(inv, $"counted: {n} generations: {counted[n].Requests!.Total} storage requests"));
        }

        int one = counts[0];
        var md = new StringBuilder();
        md.AppendLine(string.Create(inv, $"Generations of {seconds:0.#} s (queue 0.5 s; emulator without throttling) POSTed at once, each with a loopback callback; the DevHost with its default settings, one unmeasured generation first (JIT, connections); a fresh Azurite, emulator and DevHost for every row of every run; median of {runs} runs. Time = first POST to last callback."));
        md.AppendLine();
        md.AppendLine($"| generations | time | time / time of {one} | failures | POST p50 | POST p95 | DevHost CPU-s per generation | DevHost peak RSS | Azurite CPU-s (of the time) |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (int n in counts)
        {
            double M(Func<LoadResult, double> f) => CopyBench.Median(rounds.Select(r => f(r[n])));
            double ratio = CopyBench.Median(rounds.Select(r => r[n].Makespan / r[one].Makespan));
            md.AppendLine(string.Create(inv,
                $"| {n} | {M(r => r.Makespan):F1} s | {ratio:F2}x | {rounds.Sum(r => r[n].Failures)} of {n * runs} | {M(r => r.PostP50) * 1000:F0} ms | {M(r => r.PostP95) * 1000:F0} ms | {M(r => r.DevHostCpu / n):F3} | {M(r => r.PeakRss / 1048576.0):F0} MiB | {M(r => r.AzuriteCpu):F1} of {M(r => r.Makespan):F1} s |"));
        }
        md.AppendLine();
        md.AppendLine(string.Create(inv, $"The durable backend's activity concurrency at {counts[^1]} generations (`DevHost__MaxConcurrentActivities`; 10 is the backend's own default, docs/settings.md gives the DevHost's), median of {runs} runs, each against the same runs' time of {one}:"));
        md.AppendLine();
        md.AppendLine($"| activities at once | time | time / time of {one} | failures | POST p50 | POST p95 | Azurite CPU-s |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (int v in sweep)
        {
            var rs = swept[v];
            double ratio = CopyBench.Median(rs.Select((r, i) => r.Makespan / rounds[i][one].Makespan));
            md.AppendLine(string.Create(inv,
                $"| {v} | {CopyBench.Median(rs.Select(r => r.Makespan)):F1} s | {ratio:F2}x | {rs.Sum(r => r.Failures)} of {counts[^1] * runs} | {CopyBench.Median(rs.Select(r => r.PostP50)) * 1000:F0} ms | {CopyBench.Median(rs.Select(r => r.PostP95)) * 1000:F0} ms | {CopyBench.Median(rs.Select(r => r.AzuriteCpu)):F1} |"));
        }
        md.AppendLine();
        int cores = Environment.ProcessorCount;
        md.AppendLine(string.Create(inv, $"Bounds from the same runs. *Raw POST floor*: the {PostFloor.RoundTrips} storage round trips an accepted POST makes ({PostFloor.Steps}), sent one after the other by as many callers at once, raw with the same SDKs, to a fresh Azurite with nothing else running (median of {runs} runs); a POST cannot be faster. *Least time*: Azurite serves every request on one Node thread, so a row cannot take less than the CPU-s of Azurite's event loop in it, nor less than the CPU-s of the whole stack (DevHost, Azurite, and the bench process with the emulator and the callback receiver) over this machine's {cores} cores."));
        md.AppendLine();
        md.AppendLine($"| generations | POST p95 | raw POST floor p50 | raw POST floor p95 | time | least time: Azurite's thread | least time: all CPU-s / {cores} cores | least time / time of {one} | stack CPU-s per generation |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (int n in counts)
        {
            double M(Func<LoadResult, double> f) => CopyBench.Median(rounds.Select(r => f(r[n])));
            double least = CopyBench.Median(rounds.Select(r => Math.Max(r[one].Makespan, Math.Max(r[n].AzuriteLoopCpu, r[n].StackCpu / cores)) / r[one].Makespan));
            md.AppendLine(string.Create(inv,
                $"| {n} | {M(r => r.PostP95) * 1000:F0} ms | {CopyBench.Median(floors[n].Select(f => Percentile(f, 0.5))) * 1000:F0} ms | {CopyBench.Median(floors[n].Select(f => Percentile(f, 0.95))) * 1000:F0} ms | {M(r => r.Makespan):F1} s | {M(r => r.AzuriteLoopCpu):F1} s | {M(r => r.StackCpu / cores):F1} s | {least:F2}x | {M(r => r.StackCpu / n):F3} |"));
        }
        int most = counts[^1];
        double budget = CopyBench.Median(rounds.Select(r => 2 * r[one].Makespan * cores / most));
        md.AppendLine();
        md.AppendLine(string.Create(inv, $"For {most} to take at most 2x one on this machine, the stack may spend at most {budget:F3} CPU-s per generation (2 x the time of one x {cores} cores / {most}), and Azurite at most {CopyBench.Median(rounds.Select(r => 2 * r[one].Makespan / most)):F3} (its one thread); measured: {CopyBench.Median(rounds.Select(r => r[most].StackCpu / most)):F3} and {CopyBench.Median(rounds.Select(r => r[most].AzuriteLoopCpu / most)):F3}."));
        md.AppendLine();
        md.AppendLine("Storage requests per generation (one more run per row, with Azurite's debug log, counted from the first POST until the traffic falls back to the idle rate after the last callback; idle requests, counted for 5 s before the first POST, are shown per second and included in the per-generation figures):");
        md.AppendLine();
        md.AppendLine("| generations | blob | queue | table | all | request bytes sent per generation | idle requests per second |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (int n in counts)
        {
            var c = counted[n].Requests!;
            md.AppendLine(string.Create(inv,
                $"| {n} | {c.ByService["blob"] / (double)n:F1} | {c.ByService["queue"] / (double)n:F1} | {c.ByService["table"] / (double)n:F1} | {c.Total / (double)n:F1} | {c.BytesSent / (double)n / 1024:F1} KiB | {counted[n].IdleRequestsPerSecond:F1} |"));
        }
        int last = counts[^1];
        md.AppendLine();
        md.AppendLine($"What the requests are, per generation at {last} (kinds with at least 0.5 per generation):");
        md.AppendLine();
        md.AppendLine("| request | per generation |");
        md.AppendLine("|---|---|");
        foreach (var (kind, count) in counted[last].Requests!.ByKind.OrderByDescending(k => k.Value))
        {
            if (count / (double)last >= 0.5)
            {
                md.AppendLine(string.Create(inv, $"| {kind} | {count / (double)last:F1} |"));
            }
        }
        Console.Write(md.ToString());
        return 0;
    }

    private static async Task<LoadResult> RunOnceAsync(string root, int n, double seconds, bool countRequests, int? activities = null)
    {
        var emulator = new EmulatorOptions
        {
            QueueTime = TimeSpan.FromSeconds(0.5),
            GenerationTime = TimeSpan.FromSeconds(seconds - 0.5),
            ProgressNoise = 0,
            DefaultMaxConcurrentGenerations = 100_000,
            DefaultMaxDailyGenerations = 1_000_000,
            InitialCreditBalance = 1_000_000_000,
        };
        var settings = new Dictionary<string, string?>();
        if (activities is { } a)
        {
            settings["DevHost__MaxConcurrentActivities"] = a.ToString(CultureInfo.InvariantCulture);
        }
        await using var stack = await DevHostStack.StartAsync(root, emulator, settings, countRequests);
        // One generation first, not measured: a long-running host has its code compiled and its connections open.
        await PostAllAsync(stack, 1, "warm-up", TimeSpan.FromSeconds(120));
        StorageRequestCounts? idle = null;
        if (countRequests)
        {
            var before = StorageRequestCounts.Read(stack.Azurite.DebugLog!, stack.TaskHub);
            await Task.Delay(TimeSpan.FromSeconds(5));
            idle = StorageRequestCounts.Read(stack.Azurite.DebugLog!, stack.TaskHub);
            idle = Minus(idle, before);
        }
        var baseline = countRequests ? StorageRequestCounts.Read(stack.Azurite.DebugLog!, stack.TaskHub) : null;
        double devCpu = ProcessStats.CpuSeconds(stack.DevHostPid);
        double azCpu = stack.Azurite.CpuSeconds;
        double benchCpu = ProcessStats.CpuSeconds(Environment.ProcessId);
        double azLoop = stack.Azurite.LoopCpuSeconds;
        var started = DateTimeOffset.UtcNow;
        var (accepted, ids) = await PostAllAsync(stack, n, "generation", TimeSpan.FromSeconds(60 + (seconds * 3) + n));
        double makespan = (ids.Select(id => stack.Ended.TryGetValue(id, out var at) ? at : DateTimeOffset.UtcNow).Max() - started).TotalSeconds;
        double devCpuUsed = ProcessStats.CpuSeconds(stack.DevHostPid) - devCpu;
        double azCpuUsed = stack.Azurite.CpuSeconds - azCpu;
        double benchCpuUsed = ProcessStats.CpuSeconds(Environment.ProcessId) - benchCpu;
        double azLoopUsed = stack.Azurite.LoopCpuSeconds - azLoop;
        long peak = ProcessStats.PeakBytes(stack.DevHostPid);
        StorageRequestCounts? requests = null;
        if (countRequests)
        {
            // The last callback comes before the generations' own last steps (release, completion) and the deliveries'
            // completion: count until the storage traffic falls back to what an idle host sends.
            int last = StorageRequestCounts.Read(stack.Azurite.DebugLog!, stack.TaskHub).Total;
            for (int settle = 0; settle < 30; settle++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                int now = StorageRequestCounts.Read(stack.Azurite.DebugLog!, stack.TaskHub).Total;
                bool quiet = now - last <= Math.Max(10, 2 * idle!.Total / 5.0);
                last = now;
                if (quiet)
                {
                    break;
                }
            }
            requests = Minus(StorageRequestCounts.Read(stack.Azurite.DebugLog!, stack.TaskHub), baseline!);
        }

        int failures = n - ids.Count;
        foreach (string id in ids)
        {
            using var status = await stack.Http.GetAsync(new Uri($"/api/generations/{id}", UriKind.Relative));
            if (status.StatusCode != HttpStatusCode.OK || !stack.Ended.ContainsKey(id))
            {
                failures++;
            }
        }
        var latencies = accepted.Select(a => a.Seconds).OrderBy(s => s).ToList();
        return new LoadResult(makespan, failures, Percentile(latencies, 0.5), Percentile(latencies, 0.95), devCpuUsed, peak, azCpuUsed, requests,
            idle is null ? 0 : idle.Total / 5.0, benchCpuUsed, azLoopUsed);
    }

    private static async Task<((string? Id, double Seconds)[] Accepted, List<string> Ids)> PostAllAsync(DevHostStack stack, int n, string prompt, TimeSpan timeout)
    {
        var posts = Enumerable.Range(0, n).Select(async i =>
        {
            var clock = Stopwatch.StartNew();
            using var response = await stack.Http.PostAsJsonAsync(new Uri("/api/generations", UriKind.Relative), new
            {
                endpoint = "text_to_video",
                model = "gen4.5",
                promptText = $"{prompt} {i} [emulator:succeed]",
                ratio = "1280:720",
                duration = 5,
                callbackUrl = stack.CallbackUrl.AbsoluteUri,
            });
            double elapsed = clock.Elapsed.TotalSeconds;
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                return (Id: (string?)null, Seconds: elapsed);
            }
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (Id: body.GetProperty("id").GetString(), Seconds: elapsed);
        }).ToList();
        var accepted = await Task.WhenAll(posts);
        var ids = accepted.Where(a => a.Id is not null).Select(a => a.Id!).ToList();
        var deadline = DateTime.UtcNow + timeout;
        while (ids.Any(id => !stack.Ended.ContainsKey(id)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        return (accepted, ids);
    }

    private static StorageRequestCounts Minus(StorageRequestCounts after, StorageRequestCounts before)
    {
        var d = new StorageRequestCounts();
        foreach (var (k, v) in after.ByService)
        {
            d.ByService[k] = v - before.ByService.GetValueOrDefault(k);
        }
        foreach (var (k, v) in after.ByKind)
        {
            d.ByKind[k] = v - before.ByKind.GetValueOrDefault(k);
        }
        d.AddBytes(after.BytesSent - before.BytesSent);
        return d;
    }

    private static double Percentile(List<double> sorted, double q)
    {
        double rank = q * (sorted.Count - 1);
        int lo = (int)Math.Floor(rank);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + ((sorted[hi] - sorted[lo]) * (rank - lo));
    }

    private sealed record LoadResult(double Makespan, int Failures, double PostP50, double PostP95, double DevHostCpu, long PeakRss, double AzuriteCpu,
        StorageRequestCounts? Requests, double IdleRequestsPerSecond, double BenchCpu, double AzuriteLoopCpu)
    {
        /// <summary>CPU seconds of the whole stack: DevHost, Azurite, and this process (emulator, callback receiver, client).</summary>
        public double StackCpu => DevHostCpu + AzuriteCpu + BenchCpu;
    }
}
