using System.Diagnostics;
using RunwayRelay.IntegrationTests.DevHost;

namespace RunwayRelay.IntegrationTests.Functions;

/// <summary>
/// The built Functions worker (RunwayRelay.Functions.dll, its real Program.cs) started as the Functions host starts it,
/// but with nothing listening at <c>Functions:Worker:HostEndpoint</c>: options are validated when the worker starts,
/// before it connects to the host, so a bad setting is observable without the host.
/// </summary>
public sealed class FunctionsWorkerStartupTests(AzuriteFixture azurite) : AzuriteTestBase(azurite)
{
    [Fact]
    public async Task FunctionsWorker_InvalidSettings_PrintsOneInvalidSettingLineEachAndNoStackTrace()
    {
        var (code, output) = await RunWorkerAsync(new()
        {
            ["Runway__PollInterval"] = "-00:00:01",
            ["Output__UploadConcurrency"] = "99",
        });

        Assert.Equal(2, code);
        Assert.Equal(
            ["Invalid setting: Runway__PollInterval must be a positive duration such as 00:00:05.", "Invalid setting: Output__UploadConcurrency must be from 1 to 32."],
            output);
    }

    [Fact]
    public async Task FunctionsWorker_UnparsableDuration_NamesTheSettingWithoutItsValue()
    {
        var (code, output) = await RunWorkerAsync(new() { ["Runway__PollInterval"] = "not-a-duration-s3cr3t" });

        Assert.Equal(2, code);
        Assert.Equal(["Invalid setting: Runway__PollInterval must be a duration such as 00:00:05."], output);
    }

    [Fact]
    public async Task FunctionsWorker_ValidSettings_PassValidationAndGoOnToTheHostConnection()
    {
        // Proves the two tests above reach validation for real: valid settings get past it, to where the absent host is needed.
        var (code, output) = await RunWorkerAsync([]);

        Assert.NotEqual(0, code);
        Assert.NotEqual(2, code);
        Assert.DoesNotContain(output, line => line.StartsWith("Invalid setting", StringComparison.Ordinal));
        Assert.Contains(output, line => line.Contains("Microsoft.Azure.Functions.Worker", StringComparison.Ordinal));
    }

    public static TheoryData<string, string[]> InvalidCases => new()
    {
        // name=value pairs, then the lines both hosts must print
        { "Runway__MaxPollInterval=00:00:01;Runway__PollInterval=00:00:02;Callbacks__Timeout=00:00:00",
            ["Invalid setting: Runway__MaxPollInterval must not be shorter than Runway__PollInterval.", "Invalid setting: Callbacks__Timeout must be a positive duration such as 00:00:30."] },
        { "Runway__PollInterval=abc", ["Invalid setting: Runway__PollInterval must be a duration such as 00:00:05."] },
        // A secret from before Standard Webhooks (no whsec_): one line naming the setting and how to make a good one, never the value.
        { "Callbacks__SigningSecret=old-plain-secret;Callbacks__RetryWindow=30.00:00:00",
            ["Invalid setting: Callbacks__SigningSecret must be a Standard Webhooks secret: 'whsec_' followed by base64; make one with: echo \"whsec_$(openssl rand -base64 32)\".",
             "Invalid setting: Callbacks__RetryWindow must be from 00:00:00 to 6.00:00:00 (the callback address is kept 7 days), e.g. 1.00:00:00."] },
    };

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public async Task FunctionsWorkerAndDevHost_SameInvalidSettings_PrintIdenticalLines(string invalid, string[] expected)
    {
        var pairs = invalid.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => (string?)p[1]);
        var (code, worker) = await RunWorkerAsync(pairs);

        var settings = DevHostProcess.Settings(Azurite.ConnectionString);
        foreach (var (name, value) in pairs)
        {
            settings[name] = value;
        }
        await using var devhost = await DevHostProcess.StartAsync(settings, waitUntilHealthy: false);
        Assert.Equal(2, await devhost.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal(2, code);
        Assert.Equal(expected.Order(), worker.Order());
        Assert.Equal(expected.Order(), devhost.Output.Split('\n').Where(l => l.StartsWith("Invalid setting", StringComparison.Ordinal)).Order());
        Assert.DoesNotContain("   at ", devhost.Output, StringComparison.Ordinal);
    }

    /// <summary>Runs the worker to its exit with only the given settings (plus a dead host endpoint); returns the exit code and every output line.</summary>
    private static async Task<(int Code, List<string> Output)> RunWorkerAsync(Dictionary<string, string?> settings)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            [Path.Combine(FunctionsBuildOutput.Directory, "RunwayRelay.Functions.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = FunctionsBuildOutput.Directory,
        };
        foreach (string name in start.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal) || k.StartsWith("RUNWAYML_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }
        // What the Functions host passes its worker, pointing at a loopback port where nothing listens.
        start.Environment["Functions__Worker__HostEndpoint"] = $"http://127.0.0.1:{FreePort.Next()}";
        start.Environment["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("the worker did not start");
        var output = new List<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.Add(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.Add(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the worker did not exit within 60 s:\n{string.Join('\n', output)}");
        }
        process.WaitForExit(); // drains the redirected streams
        lock (output)
        {
            return (process.ExitCode, output.ToList());
        }
    }
}
