using System.Diagnostics;

namespace RunwayRelay.IntegrationTests.Emulator;

/// <summary>
/// The official Node SDK against the emulator: tests/node/emulator-sdk-check.mjs. Fails (never skips) when node or
/// the SDK is missing; scripts/test.sh installs the SDK with npm ci.
/// </summary>
public sealed class NodeSdkCompatibilityTests
{
    [Fact]
    public async Task NodeSdk_FullLifecycle_WorksAgainstEmulator()
    {
        await using var runway = await RunwayEmulatorServer.StartAsync(new EmulatorOptions
        {
            QueueTime = TimeSpan.FromMilliseconds(200),
            GenerationTime = TimeSpan.FromMilliseconds(800),
        });
        var script = Path.Combine(RepoPaths.Root, "tests", "node", "emulator-sdk-check.mjs");
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "node_modules", "@runwayml", "sdk", "package.json")),
            "@runwayml/sdk is not installed: run `npm ci` at the repository root");

        var start = new ProcessStartInfo("node", [script])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["RUNWAYML_BASE_URL"] = runway.BaseUrl.ToString().TrimEnd('/');
        start.Environment["RUNWAYML_API_SECRET"] = runway.ApiKey;
        start.Environment["EMULATOR_TASK_MS"] = "1500";

        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            Assert.Fail($"the Node SDK check did not finish within 60 s: {await stderr}");
        }

        var output = await stdout;
        Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}\nstdout: {output}\nstderr: {await stderr}");
        var facts = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        Assert.True(facts.GetProperty("ok").GetBoolean());

        var activity = runway.Activity;
        Assert.Equal(3, activity.Creates.Count); // the 400s created nothing
        Assert.Equal(2, activity.CreatesByEndpoint["image_to_video"]);
        Assert.Equal(3, activity.CreatesByKey[RunwayEmulatorServer.KeyFingerprint(runway.ApiKey)]);
        // the SDK's upload helper: one slot, one file POST without the key, and its URI used by the create
        var upload = Assert.Single(activity.Uploads);
        Assert.Equal((4096L, "fox.png", "image/png", false), (upload.Bytes, upload.FileName, upload.ContentType, upload.HadAuthorization));
        Assert.Equal(1, activity.UploadSlotAttempts);
        Assert.EndsWith(upload.UploadId, facts.GetProperty("uploadUri").GetString(), StringComparison.Ordinal);
        Assert.Contains(activity.Creates, c => c.TaskId == facts.GetProperty("uploadTaskId").GetString());
        var succeeded = facts.GetProperty("succeededId").GetString()!;
        Assert.Contains(succeeded, activity.Deletes);
        Assert.True(activity.PollsByTask[succeeded] >= 2);
    }
}
