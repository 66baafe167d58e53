using System.Diagnostics;

namespace RunwayRelay.IntegrationTests.Infrastructure;

/// <summary>
/// Verifies received callbacks with the Standard Webhooks library for Node (npm <c>standardwebhooks</c>, run by
/// tests/node/verify-webhooks.mjs): an implementation of the spec that shares nothing with the code under test. Fails
/// (never skips) when node or the package is missing; scripts/test.sh installs it with npm ci.
/// </summary>
internal static class StandardWebhooksNode
{
    /// <summary>Test secrets in the spec's form (whsec_ + base64 of 30 bytes).</summary>
    public const string Secret = "whsec_dGhpcy1pcy1hLXRlc3Qtc2lnbmluZy1rZXktMzJi";
    public const string OtherSecret = "whsec_YW5vdGhlci10ZXN0LXNpZ25pbmcta2V5LTMyYnl0";

    /// <summary>
    /// Host settings that sign callbacks with <see cref="Secret"/>; a test's loopback receiver is reachable only with
    /// <paramref name="allowLoopback"/>. Later entries of <paramref name="more"/> win.
    /// </summary>
    public static Dictionary<string, string?> SigningSettings(bool allowLoopback = true, IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Callbacks:SigningSecret"] = Secret,
            ["Callbacks:AllowLoopback"] = allowLoopback ? "true" : "false",
        };
        foreach (var (name, value) in more ?? new Dictionary<string, string?>())
        {
            settings[name] = value;
        }
        return settings;
    }

    /// <summary>One verdict per callback: null when it verifies with <paramref name="secret"/>, else the library's reason.</summary>
    public static async Task<IReadOnlyList<string?>> VerifyAsync(string secret, IEnumerable<ReceivedCallback> callbacks)
    {
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "node_modules", "standardwebhooks", "package.json")),
            "standardwebhooks is not installed: run `npm ci` at the repository root");
        string file = Path.Combine(Path.GetTempPath(), "webhooks-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new
        {
            secret,
            deliveries = callbacks.Select(c => new { headers = c.Headers, body = Convert.ToBase64String(c.Body) }),
        }));
        try
        {
            var start = new ProcessStartInfo("node", [Path.Combine(RepoPaths.Root, "tests", "node", "verify-webhooks.mjs"), file])
            {
                WorkingDirectory = RepoPaths.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
            var stdout = node.StandardOutput.ReadToEndAsync();
            var stderr = node.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await node.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                node.Kill(entireProcessTree: true);
                Assert.Fail($"verify-webhooks.mjs did not finish within 30 s: {await stderr}");
            }
            string output = await stdout;
            Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}\nstdout: {output}\nstderr: {await stderr}");
            using var verdicts = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
            return [.. verdicts.RootElement.EnumerateArray().Select(v => v.GetProperty("ok").GetBoolean() ? null : v.GetProperty("error").GetString())];
        }
        finally
        {
            File.Delete(file);
        }
    }
}
