using Microsoft.Extensions.Configuration;
using RunwayRelay.ApiKeys;

namespace RunwayRelay.IntegrationTests.ApiKeys;

public sealed class KeyVaultApiKeyProviderTests : IAsyncLifetime
{
    private FakeKeyVault _vault = null!;
    private readonly FakeTokenCredential _credential = new();

    public async Task InitializeAsync() => _vault = await FakeKeyVault.StartAsync();

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    private static string NewKey() => "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(64));

    [Fact]
    public async Task GetAsync_SecretInVault_ReadsItThroughTheChallengeProtocol()
    {
        string key = NewKey();
        _vault.SetSecret("runwayml-api-secret", key);
        using var services = Build();

        var result = await services.GetRequiredService<IRunwayApiKeyProvider>().GetAsync();

        Assert.Equal(key, result.Value);
        Assert.Contains(_vault.VaultUri.ToString(), result.Source);
        Assert.True(_vault.Challenges >= 1, "the SDK's first request must be challenged");
        Assert.Equal(1, _vault.AuthenticatedReads);
        Assert.Contains(_credential.Requests, r => r.Scopes.Contains("https://vault.azure.net/.default"));
    }

    [Fact]
    public async Task Invalidate_SecretRotatedInVault_NextGetReturnsTheNewKey()
    {
        string oldKey = NewKey(), newKey = NewKey();
        _vault.SetSecret("runwayml-api-secret", oldKey);
        using var services = Build();
        var provider = services.GetRequiredService<IRunwayApiKeyProvider>();

        var before = await provider.GetAsync();
        _vault.SetSecret("runwayml-api-secret", newKey);
        var cached = await provider.GetAsync();
        provider.Invalidate();
        var after = await provider.GetAsync();

        Assert.Equal(oldKey, before.Value);
        Assert.Equal(oldKey, cached.Value);
        Assert.Equal(newKey, after.Value);
        Assert.Equal(2, _vault.AuthenticatedReads);
    }

    [Fact]
    public async Task GetAsync_CustomSecretNameMissing_GivesActionableError()
    {
        _vault.SetSecret("runwayml-api-secret", NewKey());
        using var services = Build(("Runway:ApiKeySecretName", "rw-other"));

        var ex = await Assert.ThrowsAsync<RunwayApiKeyException>(() => services.GetRequiredService<IRunwayApiKeyProvider>().GetAsync().AsTask());

        Assert.Contains("has no secret named 'rw-other'", ex.Message);
        Assert.Contains(_vault.VaultUri.ToString(), ex.Message);
    }

    [Fact]
    public async Task GetAsync_MalformedSecretInVault_ReportsFormatWithoutValue()
    {
        string bad = NewKey()[..100];
        _vault.SetSecret("runwayml-api-secret", bad);
        using var services = Build();

        var ex = await Assert.ThrowsAsync<RunwayApiKeyException>(() => services.GetRequiredService<IRunwayApiKeyProvider>().GetAsync().AsTask());

        Assert.Contains("100 characters long instead of 132", ex.Message);
        Assert.DoesNotContain(bad, ex.Message);
    }

    private ServiceProvider Build(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?> { ["Runway:KeyVaultUri"] = _vault.VaultUri.ToString(), ["RUNWAYML_BASE_URL"] = "" };
        foreach (var (k, v) in extra)
        {
            settings[k] = v;
        }
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddSingleton<IRunwaySecretClientFactory>(new RunwaySecretClientFactory(_credential, _vault.ClientOptions()));
        services.AddRunwayClient();
        return services.BuildServiceProvider();
    }
}
