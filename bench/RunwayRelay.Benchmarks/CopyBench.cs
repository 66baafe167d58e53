using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RunwayRelay.Emulator;
using RunwayRelay.Storage;

namespace RunwayRelay.Benchmarks;

/// <summary>
/// Copy benchmark (issue 10 part 3): outputs of the given sizes from the emulator (in this process, over HTTP) into a
/// private Azurite by the production copy (BlobVideoStore), and in the same run its bounds on the very same URL and
/// bytes: a raw download, a raw upload of the bytes from a file (staged blocks, and one Put Blob), and a raw
/// download-into-upload pipe with the same SDK and transfer options. Every transfer runs in its own process
/// (<see cref="CopyCase"/>), with the DevHost's server GC, so its peak memory is its own; "copy-warm" copies once first
/// in that process and measures the second copy, as a long-running host sees it.
/// Usage: copy [sizesMiB=64,512,1024] [runs=3] [blockSize=Output__UploadBlockSize default] [concurrency=default]
/// </summary>
internal static class CopyBench
{
    private static readonly string[] Cases = ["download", "upload-single", "upload-blocks", "pipe", "copy", "copy-warm"];

    public static async Task<int> RunAsync(string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        long[] sizes = (args.Length > 0 ? args[0] : "64,512,1024").Split(',').Select(s => long.Parse(s, inv) * 1024 * 1024).ToArray();
        int runs = args.Length > 1 ? int.Parse(args[1], inv) : 3;
        var defaults = new OutputOptions();
        int blockSize = args.Length > 2 ? int.Parse(args[2], inv) : defaults.UploadBlockSize;
        int concurrency = args.Length > 3 ? int.Parse(args[3], inv) : defaults.UploadConcurrency;
        string root = RepoRoot();

        var md = new StringBuilder();
        md.AppendLine(string.Create(inv, $"Block size {blockSize / 1048576.0:0.#} MiB × concurrency {concurrency} (budget block size × concurrency + 16 MiB = {(blockSize / 1048576.0 * concurrency) + 16:0.#} MiB); median of {runs} runs; each transfer in its own process (server GC, as the DevHost), the order of the cases rotated from run to run."));
        md.AppendLine();
        md.AppendLine("| output | raw download | one Put Blob of a file | staged blocks of a file | raw pipe (download → upload) | production copy | copy / raw pipe | copy / one Put Blob | peak memory growth: first copy in a process | a later copy (after one copy) | raw pipe (first in a process) |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (long size in sizes)
        {
            var perRun = new List<Dictionary<string, CaseResult>>();
            await using (var azurite = await LocalAzurite.StartAsync(root))
            await using (var runway = await RunwayEmulatorServer.StartAsync(new EmulatorOptions
            {
                TimeScale = 0.01,
                OutputSizeBytes = size,
                InitialCreditBalance = 100_000_000,
            }))
            {
                string url = await SucceededOutputUrlAsync(runway);
                string file = Path.Combine(azurite.Location, "output.mp4");
                using (var http = new HttpClient())
                await using (var target = File.Create(file))
                {
                    await using var body = await http.GetStreamAsync(url);
                    await body.CopyToAsync(target);
                }
                for (int run = 0; run < runs; run++)
                {
                    var results = new Dictionary<string, CaseResult>();
                    for (int i = 0; i < Cases.Length; i++)
                    {
                        string kind = Cases[(i + run) % Cases.Length];
                        var r = await RunCaseAsync(kind, url, azurite.ConnectionString, file, blockSize, concurrency);
                        if (r.Bytes != size)
                        {
                            throw new InvalidOperationException($"{kind} moved {r.Bytes} bytes, expected {size}");
                        }
                        results[kind] = r;
                        Console.Error.WriteLine(string.Create(inv, $"{size / 1048576} MiB run {run + 1}: {kind}: {r.Seconds:F2} s, {size / 1048576.0 / r.Seconds:F0} MiB/s, peak growth {r.PeakGrowth / 1048576.0:F0} MiB, allocated {r.Allocated / 1048576.0:F0} MiB"));
                    }
                    perRun.Add(results);
                }
            }
            double T(string kind) => Median(perRun.Select(r => r[kind].Seconds));
            double M(string kind) => Median(perRun.Select(r => r[kind].PeakGrowth / 1048576.0));
            string Cell(string kind) => string.Create(inv, $"{T(kind):F2} s ({size / 1048576.0 / T(kind):F0} MiB/s)");
            double copyPipe = Median(perRun.Select(r => r["copy"].Seconds / r["pipe"].Seconds));
            double copySingle = Median(perRun.Select(r => r["copy"].Seconds / r["upload-single"].Seconds));
            md.AppendLine(string.Create(inv,
                $"| {size / 1048576} MiB | {Cell("download")} | {Cell("upload-single")} | {Cell("upload-blocks")} | {Cell("pipe")} | {Cell("copy")} | {copyPipe:F2}x | {copySingle:F2}x | {M("copy"):F0} MiB | {M("copy-warm"):F0} MiB | {M("pipe"):F0} MiB |"));
        }
        Console.Write(md.ToString());
        return 0;
    }

    private static async Task<CaseResult> RunCaseAsync(string kind, string url, string connection, string file, int blockSize, int concurrency)
    {
        var inv = CultureInfo.InvariantCulture;
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(CopyBench).Assembly.Location);
        }
        foreach (string a in new[] { "copy-case", kind == "copy-warm" ? "copy" : kind, url, connection, file, blockSize.ToString(inv), concurrency.ToString(inv) })
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["DOTNET_gcServer"] = "1";
        start.Environment["RUNWAYRELAY_BENCH_WARM_COPY"] = kind == "copy-warm" ? "1" : "0";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"copy-case {kind} exited {process.ExitCode}: {await stderr}");
        }
        var f = stdout.Trim().Split(' ');
        return new CaseResult(double.Parse(f[0], inv), long.Parse(f[1], inv), long.Parse(f[2], inv), long.Parse(f[3], inv));
    }

    private static async Task<string> SucceededOutputUrlAsync(RunwayEmulatorServer runway)
    {
        using var http = new HttpClient { BaseAddress = runway.BaseUrl };
        http.DefaultRequestHeaders.Add("Authorization", "Bearer " + runway.ApiKey);
        http.DefaultRequestHeaders.Add("X-Runway-Version", "2024-11-06");
        using var created = await http.PostAsJsonAsync("/v1/text_to_video", new { model = "gen4.5", promptText = "a large output [emulator:succeed]", ratio = "1280:720", duration = 5 });
        created.EnsureSuccessStatusCode();
        string id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        while (true)
        {
            var task = await http.GetFromJsonAsync<JsonElement>($"/v1/tasks/{id}");
            if (task.GetProperty("status").GetString() == "SUCCEEDED")
            {
                return task.GetProperty("output")[0].GetString()!;
            }
            await Task.Delay(100);
        }
    }

    public static string RepoRoot()
    {
        var dir = File.Exists("Functions.sln") ? new DirectoryInfo(Directory.GetCurrentDirectory()) : new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("run from inside the repository (Functions.sln not found above the binary)");
    }

    public static double Median(IEnumerable<double> values)
    {
        var s = values.OrderBy(v => v).ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[(s.Count / 2) - 1] + s[s.Count / 2]) / 2;
    }

    private sealed record CaseResult(double Seconds, long PeakGrowth, long Allocated, long Bytes);
}
