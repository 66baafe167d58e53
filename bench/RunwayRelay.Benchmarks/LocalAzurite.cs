using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RunwayRelay.Benchmarks;

/// <summary>
/// A private Azurite (the repo's node_modules) on free loopback ports with a fresh location, stopped by PID. With
/// <c>debugLog</c> it writes Azurite's debug log, from which <see cref="StorageRequestCounts"/> counts requests per service.
/// </summary>
internal sealed class LocalAzurite : IAsyncDisposable
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process _process;

    private LocalAzurite(Process process, string location, string? debugLog, int blob, int queue, int table)
    {
        _process = process;
        Location = location;
        DebugLog = debugLog;
        ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + Key +
            $";BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    public string Location { get; }

    public string? DebugLog { get; }

    public int Pid => _process.Id;

    public static async Task<LocalAzurite> StartAsync(string repoRoot, bool debugLog = false)
    {
        string location = Directory.CreateTempSubdirectory("runwayrelay-bench-azurite-").FullName;
        int blob = FreePort(), queue = FreePort(), table = FreePort();
        string? log = debugLog ? Path.Combine(location, "debug.log") : null;
        var start = new ProcessStartInfo(Path.Combine(repoRoot, "node_modules", ".bin", "azurite"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--location", location,
            "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(), "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(),
            "--tableHost", "127.0.0.1", "--tablePort", table.ToString() })
        {
            start.ArgumentList.Add(a);
        }
        if (log is not null)
        {
            start.ArgumentList.Add("--debug");
            start.ArgumentList.Add(log);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start");
        ChildProcesses.Track(process);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new LocalAzurite(process, location, log, blob, queue, table);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        foreach (int port in new[] { blob, queue, table })
        {
            while (!await IsOpenAsync(port))
            {
                if (process.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"Azurite did not listen on 127.0.0.1:{port}");
                }
                await Task.Delay(100);
            }
        }
        return azurite;
    }

    /// <summary>CPU seconds Azurite (one Node thread) has used so far.</summary>
    public double CpuSeconds => ProcessStats.CpuSeconds(_process.Id);

    /// <summary>CPU seconds of Azurite's event loop, the one thread every request waits for.</summary>
    public double LoopCpuSeconds => ProcessStats.MainThreadCpuSeconds(_process.Id);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        ChildProcesses.Forget(_process);
        _process.Dispose();
        try
        {
            Directory.Delete(Location, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> IsOpenAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
