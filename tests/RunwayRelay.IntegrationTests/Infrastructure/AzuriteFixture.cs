using System.Diagnostics;

namespace RunwayRelay.IntegrationTests.Infrastructure;

/// <summary>
/// A private Azurite on free loopback ports with a fresh data folder, started from the repo's pinned npm install
/// and stopped by PID. Set AZURITE_CONNECTION_STRING to reuse one that is already running instead.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private Process? _process;
    private string? _location;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING");
        if (!string.IsNullOrEmpty(external))
        {
            ConnectionString = external;
            return;
        }

        var azurite = Path.Combine(RepoPaths.Root, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed: run `npm ci` in {RepoPaths.Root} (scripts/test.sh does).");
        }

        int blob = FreePort.Next(), queue = FreePort.Next(), table = FreePort.Next();
        _location = Path.Combine(Path.GetTempPath(), "runwayrelay-azurite-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_location);
        var start = new ProcessStartInfo(azurite)
        {
            ArgumentList =
            {
                "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--location", _location,
                "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(),
                "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(),
                "--tableHost", "127.0.0.1", "--tablePort", table.ToString(),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start Azurite");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        foreach (var port in new[] { blob, queue, table })
        {
            await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(30), () => _process.HasExited);
        }

        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;" +
            $"QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15)).ContinueWith(_ => { });
        }
        _process?.Dispose();
        if (_location is not null)
        {
            try { Directory.Delete(_location, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
