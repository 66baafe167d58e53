using RunwayRelay.ApiKeys;
using RunwayRelay.Emulator;
using RunwayRelay.Runway;

namespace RunwayRelay.IntegrationTests.Client;

public sealed class RunwayClientLogSafetyTests : EmulatorTestBase
{
    [Fact]
    public async Task FullRun_EveryLogLineAndException_NeverContainsTheKey()
    {
        string oldKey = Emulator.ApiKey, newKey = RunwayEmulatorServer.CreateApiKey();
        using var harness = Harness(oldKey);
        var errors = new List<Exception>();

        // the happy path: create, poll to the end, organization, cancel
        var created = await harness.Client.CreateTaskAsync(TextToVideo("[emulator:succeed] a lighthouse"));
        await harness.WaitForTerminalAsync(created.Id);
        await harness.Client.GetOrganizationAsync();
        await harness.Client.CancelTaskAsync(created.Id);
        // retries on reads and creates
        Emulator.Options.Faults.Read.ServerErrorNext = 1;
        Emulator.Options.Faults.Create.TooManyRequestsNext = 1;
        Emulator.Options.Faults.Create.RetryAfter = TimeSpan.FromMilliseconds(10);
        await harness.Client.GetOrganizationAsync();
        await harness.Client.CreateTaskAsync(TextToVideo());
        // failures: not found, validation, no credits, 500 on create, disabled key, rotation, malformed key
        errors.Add(await Assert.ThrowsAsync<RunwayException>(() => harness.Client.GetTaskAsync(Guid.NewGuid().ToString())));
        errors.Add(await Assert.ThrowsAsync<RunwayException>(() => harness.Client.CreateTaskAsync(TextToVideo() with { Seed = -1 })));
        Emulator.CreditBalance = 0;
        errors.Add(await Assert.ThrowsAsync<RunwayException>(() => harness.Client.CreateTaskAsync(TextToVideo())));
        Emulator.CreditBalance = 100_000;
        Emulator.Options.Faults.Create.ServerErrorNext = 1;
        errors.Add(await Assert.ThrowsAsync<RunwayException>(() => harness.Client.CreateTaskAsync(TextToVideo())));
        Emulator.Options.DisabledKeys.Add(oldKey);
        errors.Add(await Assert.ThrowsAsync<RunwayException>(() => harness.Client.GetOrganizationAsync()));
        harness.Configuration[RunwayApiKeyProvider.EnvironmentVariable] = newKey;
        await harness.Client.GetOrganizationAsync();
        harness.Configuration[RunwayApiKeyProvider.EnvironmentVariable] = newKey.ToUpperInvariant().Replace("KEY_", "key_", StringComparison.Ordinal);
        harness.Keys.Invalidate();
        errors.Add(await Assert.ThrowsAsync<RunwayException>(() => harness.Client.GetOrganizationAsync()));

        var lines = harness.RenderedLogs().ToList();
        Assert.True(lines.Count > 20, $"expected a full log, got {lines.Count} lines");
        Assert.Contains(lines, l => l.Contains("sha256:" + RunwayApiKeyFormat.Fingerprint(newKey), StringComparison.Ordinal));
        foreach (var secret in new[] { oldKey, newKey, oldKey[4..], newKey[4..], newKey[4..].ToUpperInvariant() })
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(errors, e => e.ToString().Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
        Assert.Equal(6, errors.Count);
    }
}
