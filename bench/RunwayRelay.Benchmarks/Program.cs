using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RunwayRelay.Benchmarks;
using RunwayRelay.Emulator;
using RunwayRelay.Generations;
using RunwayRelay.Orchestration;

// Polling benchmark: every schedule polls the very same emulated tasks side by side (each task has one poller per
// schedule), time-scaled. Usage: RunwayRelay.Benchmarks [generations=200] [runs=5] [timeScale=0.1] [noise=0.1]
switch (args)
{
    case ["copy", .. var rest]:
        return await CopyBench.RunAsync(rest);
    case ["copy-case", .. var rest]:
        return await CopyCase.RunAsync(rest);
    case ["load", .. var rest]:
        return await LoadBench.RunAsync(rest);
    case ["history", .. var rest]:
        return await HistoryBench.RunAsync(rest);
}

var inv = CultureInfo.InvariantCulture;
int generations = args.Length > 0 ? int.Parse(args[0], inv) : 200;
int runs = args.Length > 1 ? int.Parse(args[1], inv) : 5;
double scale = args.Length > 2 ? double.Parse(args[2], inv) : 0.1;
double noise = args.Length > 3 ? double.Parse(args[3], inv) : 0.1;

// RunwayRelay learns from the generations it saw end (ModelRunTimes, as in a worker process): a warm-up run that is
// not reported gives it the earlier generations of the same model that a running service has.
var runTimes = new ModelRunTimes();
const string kind = "text_to_video/gen4.5/5s";
await RunAsync(generations, scale, noise, seed: 20241105, runTimes, kind);
Console.Error.WriteLine(string.Create(inv, $"prior after warm-up: shortest {runTimes.PriorFor(kind).Shortest?.TotalSeconds / scale:F1} s"));
var results = new List<Dictionary<string, ScheduleResult>>();
for (int run = 0; run < runs; run++)
{
    var result = await RunAsync(generations, scale, noise, seed: 20241106 + run, runTimes, kind);
    results.Add(result);
    foreach (var (name, r) in result)
    {
        Console.Error.WriteLine(string.Create(inv, $"run {run + 1}: {name}: {r.GetsPerGeneration:F2} GETs/generation, median {r.MedianDelay:F2} s, p95 {r.P95Delay:F2} s, shortest gap {r.MinGap:F2} s"));
    }
}

var md = new StringBuilder();
md.AppendLine(string.Create(inv, $"{generations} generations per run, generation time uniform 20–180 s, queue 2 s, progress updated every 5 s with noise {noise}, time scale {scale}; median of {runs} runs (each run other generations; within a run every schedule polls the same tasks). RunwayRelay's run-time prior (`ModelRunTimes`) comes from a warm-up run of {generations} generations of the same kind before them, not reported, and from every run after; its shortest was {runTimes.PriorFor(kind).Shortest?.TotalSeconds / scale:F1} s at the end."));
md.AppendLine();
md.AppendLine("| schedule | status GETs / generation | median delay SUCCEEDED → noticed | p95 delay | shortest gap between two GETs of a task |");
md.AppendLine("|---|---|---|---|---|");
foreach (var name in results[0].Keys)
{
    double M(Func<ScheduleResult, double> f) => Median(results.Select(r => f(r[name])).ToList());
    md.AppendLine(string.Create(inv, $"| {name} | {M(r => r.GetsPerGeneration):F1} | {M(r => r.MedianDelay):F1} s | {M(r => r.P95Delay):F1} s | {M(r => r.MinGap):F1} s |"));
}
var names = results[0].Keys.ToList();
double gets = Median(results.Select(r => r[names[0]].GetsPerGeneration / r[names[1]].GetsPerGeneration).ToList());
double median = Median(results.Select(r => r[names[0]].MedianDelay / r[names[1]].MedianDelay).ToList());
double p95 = Median(results.Select(r => r[names[0]].P95Delay / r[names[1]].P95Delay).ToList());
md.AppendLine();
md.AppendLine(string.Create(inv, $"Ratios RunwayRelay / SDK (median over runs of the per-run ratio): GETs {gets:F2} (goal ≤ 0.33), median delay {median:F2} (goal ≤ 1), p95 delay {p95:F2} (goal ≤ 2)."));
Console.Write(md.ToString());
return 0;

static async Task<Dictionary<string, ScheduleResult>> RunAsync(int generations, double scale, double noise, int seed, ModelRunTimes runTimes, string kind)
{
    var options = new EmulatorOptions
    {
        TimeScale = scale,
        QueueTime = TimeSpan.FromSeconds(2),
        GenerationTime = TimeSpan.FromSeconds(100),
        GenerationTimeSpread = TimeSpan.FromSeconds(80),
        ProgressUpdateInterval = TimeSpan.FromSeconds(5),
        ProgressNoise = noise,
        DefaultMaxConcurrentGenerations = generations,
        DefaultMaxDailyGenerations = generations * 10,
        InitialCreditBalance = 100_000_000,
        RandomSeed = seed,
    };
    await using var runway = await RunwayEmulatorServer.StartAsync(options);
    using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 64 }) { BaseAddress = runway.BaseUrl };
    http.DefaultRequestHeaders.Add("Authorization", "Bearer " + runway.ApiKey);
    http.DefaultRequestHeaders.Add("X-Runway-Version", "2024-11-06");

    var floor = new PollingSchedule(Scaled(5), Scaled(30), Scaled(1800));
    PollSchedule[] schedules = [new PredictiveSchedule(floor, runTimes, kind), new SdkSchedule(scale, seed), new BackoffSchedule(floor),
        // A process that has seen no generation of the kind yet (just started, or another instance).
        new PredictiveSchedule(floor, new ModelRunTimes(), kind, "RunwayRelay in a fresh process (no prior yet)")];

    var ids = new List<(string Id, DateTimeOffset At)>();
    for (int i = 0; i < generations; i++)
    {
        using var response = await http.PostAsJsonAsync("/v1/text_to_video", new { model = "gen4.5", promptText = "a lighthouse at dusk [emulator:succeed]", ratio = "1280:720", duration = 5 });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        ids.Add((created.GetProperty("id").GetString()!, DateTimeOffset.UtcNow));
    }

    var polls = ids.SelectMany(t => schedules.Select(s => PollAsync(http, s, t.Id, t.At))).ToList();
    var outcomes = await Task.WhenAll(polls);
    var ends = runway.Tasks.ToDictionary(t => t.Id, t => t.EndedAt!.Value);

    var byName = new Dictionary<string, ScheduleResult>();
    for (int s = 0; s < schedules.Length; s++)
    {
        var mine = outcomes.Where(o => o.Schedule == schedules[s].Name).ToList();
        var delays = mine.Select(o => (o.SeenAt - ends[o.Id]).TotalSeconds / scale).OrderBy(d => d).ToList();
        byName[schedules[s].Name] = new ScheduleResult(
            mine.Average(o => o.Gets),
            Percentile(delays, 0.5),
            Percentile(delays, 0.95),
            mine.Min(o => o.MinGap.TotalSeconds) / scale);
    }
    return byName;

    TimeSpan Scaled(double seconds) => TimeSpan.FromSeconds(seconds * scale);
}

static async Task<PollOutcome> PollAsync(HttpClient http, PollSchedule schedule, string id, DateTimeOffset submittedAt)
{
    var poller = schedule.Start(submittedAt);
    var now = submittedAt;
    int gets = 0;
    DateTimeOffset? previous = null;
    var minGap = TimeSpan.MaxValue;
    while (true)
    {
        var at = poller.NextPollAt(now);
        TimeSpan wait;
        // A timer may wake a little before the wall clock says it should (as ReadRunwayTaskActivity does, check the clock).
        while ((wait = at - DateTimeOffset.UtcNow) > TimeSpan.Zero)
        {
            await Task.Delay(wait + TimeSpan.FromMilliseconds(1));
        }
        var sent = DateTimeOffset.UtcNow;
        if (previous is { } p && sent - p < minGap)
        {
            minGap = sent - p;
        }
        previous = sent;
        var task = await http.GetFromJsonAsync<JsonElement>($"/v1/tasks/{id}");
        now = DateTimeOffset.UtcNow;
        gets++;
        string status = task.GetProperty("status").GetString()!;
        DateTimeOffset? createdAt = task.TryGetProperty("createdAt", out var c) ? c.GetDateTimeOffset() : null;
        if (status == "SUCCEEDED")
        {
            poller.Succeeded(createdAt, now);
            // The answer left the emulator between sending and now: take the middle.
            return new PollOutcome(schedule.Name, id, gets, sent + (now - sent) / 2, minGap);
        }
        double? progress = task.TryGetProperty("progress", out var pr) ? pr.GetDouble() : null;
        poller.Observed(status, progress, createdAt, now);
    }
}

static double Percentile(List<double> sorted, double q)
{
    if (sorted.Count == 0)
    {
        return double.NaN;
    }
    double rank = q * (sorted.Count - 1);
    int lo = (int)Math.Floor(rank);
    int hi = Math.Min(lo + 1, sorted.Count - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

static double Median(List<double> values) => Percentile([.. values.OrderBy(v => v)], 0.5);
