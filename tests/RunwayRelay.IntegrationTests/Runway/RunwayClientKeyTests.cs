using RunwayRelay.ApiKeys;
using RunwayRelay.IntegrationTests.ApiKeys;

namespace RunwayRelay.IntegrationTests.Runway;

/// <summary>
/// The key while the app runs: rotated (Runway starts answering 401 for the old key, the source has the new one), and
/// never in a log line or an exception, whatever the call ends with.
/// </summary>
public sealed class RunwayClientKeyTests : EmulatorTestBase
{
    [Fact]
    public async Task CreateTaskAsync_401AfterRotationInEnvironment_RereadsKeyAndSubmitsOnceWithTheNewKey()
    {
        string oldKey = Emulator.ApiKey, newKey = RunwayEmulatorServer.CreateApiKey();
        using var harness = Harness(oldKey);
        await harness.Client.GetOrganizationAsync(); // the old key is now cached

        harness.SetEnvironmentKey(newKey);
        Emulator.Options.DisabledKeys.Add(oldKey);
        var created = await harness.Client.CreateTaskAsync(TextToVideo());

        var create = Assert.Single(Emulator.Activity.Creates);
        Assert.Equal(created.Id, create.TaskId);
        Assert.Equal(RunwayEmulatorServer.KeyFingerprint(newKey), create.KeyFingerprint);
        var attempts = Emulator.Activity.Requests.Where(r => r.Kind == RouteKind.Create).ToList();
        Assert.Equal([(401, RunwayEmulatorServer.KeyFingerprint(oldKey)), (200, RunwayEmulatorServer.KeyFingerprint(newKey))],
            attempts.Select(r => (r.StatusCode, r.KeyFingerprint)));
    }

    [Fact]
    public async Task GetOrganizationAsync_401AfterRotationInKeyVault_RereadsTheVaultAndSucceeds()
    {
        await using var vault = await FakeKeyVault.StartAsync();
        string oldKey = Emulator.ApiKey, newKey = RunwayEmulatorServer.CreateApiKey();
        vault.SetSecret("runwayml-api-secret", oldKey);
        using var harness = RunwayClientHarness.Create(Emulator.BaseUrl, null,
            new Dictionary<string, string?> { ["Runway:KeyVaultUri"] = vault.VaultUri.ToString() },
            vault: new RunwaySecretClientFactory(new FakeTokenCredential(), vault.ClientOptions()));
        await harness.Client.GetOrganizationAsync();

        vault.SetSecret("runwayml-api-secret", newKey);
        Emulator.Options.DisabledKeys.Add(oldKey);
        var organization = await harness.Client.GetOrganizationAsync();

        Assert.Equal(Emulator.CreditBalance, organization.CreditBalance);
        Assert.Equal(2, vault.AuthenticatedReads);
        Assert.Contains(Emulator.Activity.Requests, r => r.StatusCode == 200 && r.KeyFingerprint == RunwayEmulatorServer.KeyFingerprint(newKey));
        Assert.DoesNotContain(harness.RenderedLogs(), l => l.Contains(oldKey, StringComparison.Ordinal) || l.Contains(newKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FullRun_EveryLogLineAndException_NeverContainsTheKey()
    {
        string oldKey = Emulator.ApiKey, newKey = RunwayEmulatorServer.CreateApiKey();
        using var harness = Harness(oldKey);
        var errors = new List<Exception>();

        // the happy path: create, poll to the end, organization, cancel
        var (created, _) = await harness.RunToEndAsync(TextToVideo("[emulator:succeed] a lighthouse"));
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
        harness.SetEnvironmentKey(newKey);
        await harness.Client.GetOrganizationAsync();
        harness.SetEnvironmentKey(newKey.ToUpperInvariant().Replace("KEY_", "key_", StringComparison.Ordinal));
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
