using RunwayRelay.ApiKeys;
using RunwayRelay.Emulator;
using RunwayRelay.IntegrationTests.KeyVault;

namespace RunwayRelay.IntegrationTests.Client;

/// <summary>The key is rotated while the app runs: Runway starts answering 401 for the old key, the source has the new one.</summary>
public sealed class RunwayClientKeyRotationTests : EmulatorTestBase
{
    [Fact]
    public async Task CreateTaskAsync_401AfterRotationInEnvironment_RereadsKeyAndSubmitsOnceWithTheNewKey()
    {
        string oldKey = Emulator.ApiKey, newKey = RunwayEmulatorServer.CreateApiKey();
        using var harness = Harness(oldKey);
        await harness.Client.GetOrganizationAsync(); // the old key is now cached

        harness.Configuration[RunwayApiKeyProvider.EnvironmentVariable] = newKey;
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
}
