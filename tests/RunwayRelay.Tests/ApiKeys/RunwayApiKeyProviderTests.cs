using System.Security.Cryptography;
using Azure;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging.Testing;
using RunwayRelay.ApiKeys;
using static RunwayRelay.Tests.Http.HttpTestKit;

namespace RunwayRelay.Tests.ApiKeys;

public sealed class RunwayApiKeyProviderTests
{
    private static readonly Uri Vault = new("https://unit-test-vault.vault.azure.net/");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeLogger<RunwayApiKeyProvider> _logger = new();
    private readonly Mock<SecretClient> _secrets = new();

    private static string NewKey() => "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(64));

    [Fact]
    public async Task GetAsync_VaultHasSecret_ReturnsItAndLogsOnlyTheFingerprint()
    {
        string key = NewKey();
        SetupSecret("runwayml-api-secret", key);

        var result = await VaultProvider().GetAsync();

        Assert.Equal(key, result.Value);
        Assert.Equal(RunwayApiKeyFormat.Fingerprint(key), result.Fingerprint);
        Assert.Contains("runwayml-api-secret", result.Source);
        var line = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Contains(result.Fingerprint, line.Message);
        Assert.DoesNotContain(key, line.Message);
    }

    [Fact]
    public async Task GetAsync_CustomSecretName_ReadsThatSecret()
    {
        string key = NewKey();
        SetupSecret("rw-prod", key);

        var result = await VaultProvider(o => o.ApiKeySecretName = "rw-prod").GetAsync();

        Assert.Equal(key, result.Value);
    }

    [Fact]
    public async Task GetAsync_VaultSecretMissing_TellsHowToAddIt()
    {
        _secrets.Setup(s => s.GetSecretAsync("runwayml-api-secret", null, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(404, "Secret not found", "SecretNotFound", null));

        var ex = await Assert.ThrowsAsync<RunwayApiKeyException>(() => VaultProvider().GetAsync().AsTask());

        Assert.Contains("has no secret named 'runwayml-api-secret'", ex.Message);
        Assert.Contains("az keyvault secret set", ex.Message);
        Assert.Contains("Runway__ApiKeySecretName", ex.Message);
    }

    [Fact]
    public async Task GetAsync_VaultForbidden_TellsWhichRoleToGrant()
    {
        _secrets.Setup(s => s.GetSecretAsync(It.IsAny<string>(), null, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(403, "Forbidden", "Forbidden", null));

        var ex = await Assert.ThrowsAsync<RunwayApiKeyException>(() => VaultProvider().GetAsync().AsTask());

        Assert.Contains("403", ex.Message);
        Assert.Contains("Key Vault Secrets User", ex.Message);
    }

    [Fact]
    public async Task GetAsync_NoCredentialAvailable_TellsHowToSignIn()
    {
        _secrets.Setup(s => s.GetSecretAsync(It.IsAny<string>(), null, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new CredentialUnavailableException("no managed identity"));

        var ex = await Assert.ThrowsAsync<RunwayApiKeyException>(() => VaultProvider().GetAsync().AsTask());

        Assert.Contains("managed identity", ex.Message);
        Assert.Contains("az login", ex.Message);
    }

    [Fact]
    public async Task GetAsync_VaultSecretMalformed_SaysWhatIsWrongWithoutTheValue()
    {
        string bad = NewKey().ToUpperInvariant().Replace("KEY_", "key_", StringComparison.Ordinal);
        SetupSecret("runwayml-api-secret", bad);

        var ex = await Assert.ThrowsAsync<RunwayApiKeyException>(() => VaultProvider().GetAsync().AsTask());

        Assert.Contains("malformed", ex.Message);
        Assert.Contains("uppercase", ex.Message);
        Assert.DoesNotContain(bad[4..20], ex.Message);
    }

    [Fact]
    public async Task GetAsync_NoVaultButEnvironmentKey_UsesIt()
    {
        string key = NewKey();

        var result = await EnvProvider(key + "\n").GetAsync();

        Assert.Equal(key, result.Value);
        Assert.Equal("RUNWAYML_API_SECRET", result.Source);
        _secrets.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task GetAsync_EnvironmentKeyMalformed_NamesTheVariable()
    {
        var ex = await Assert.ThrowsAsync<RunwayApiKeyException>(() => EnvProvider("key_123").GetAsync().AsTask());

        Assert.Contains("RUNWAYML_API_SECRET", ex.Message);
        Assert.Contains("7 characters long instead of 132", ex.Message);
    }

    [Fact]
    public async Task GetAsync_NeitherVaultNorEnvironment_NamesBothWays()
    {
        var ex = await Assert.ThrowsAsync<RunwayApiKeyException>(() => EnvProvider(null).GetAsync().AsTask());

        Assert.Contains("Runway__KeyVaultUri", ex.Message);
        Assert.Contains("RUNWAYML_API_SECRET", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public async Task GetAsync_WithinCacheDuration_ReadsTheVaultOnce()
    {
        SetupSecret("runwayml-api-secret", NewKey());
        var provider = VaultProvider();

        await provider.GetAsync();
        _time.Advance(TimeSpan.FromMinutes(4));
        await provider.GetAsync();

        _secrets.Verify(s => s.GetSecretAsync("runwayml-api-secret", null, It.IsAny<CancellationToken>()), Times.Once());
    }

    [Fact]
    public async Task GetAsync_AfterCacheDuration_ReadsAgain()
    {
        SetupSecret("runwayml-api-secret", NewKey());
        var provider = VaultProvider();

        await provider.GetAsync();
        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await provider.GetAsync();

        _secrets.Verify(s => s.GetSecretAsync("runwayml-api-secret", null, It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task Invalidate_AfterRotation_NextGetReadsTheNewKey()
    {
        string oldKey = NewKey(), newKey = NewKey();
        _secrets.SetupSequence(s => s.GetSecretAsync("runwayml-api-secret", null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(SecretResponse("runwayml-api-secret", oldKey))
            .ReturnsAsync(SecretResponse("runwayml-api-secret", newKey));
        var provider = VaultProvider();

        var first = await provider.GetAsync();
        provider.Invalidate();
        var second = await provider.GetAsync();

        Assert.Equal(oldKey, first.Value);
        Assert.Equal(newKey, second.Value);
        Assert.Contains(_logger.Collector.GetSnapshot(), r => r.Message.Contains(first.Fingerprint) && r.Message.Contains(second.Fingerprint));
        Assert.All(_logger.Collector.GetSnapshot(), r => Assert.False(r.Message.Contains(oldKey) || r.Message.Contains(newKey)));
    }

    private void SetupSecret(string name, string value) =>
        _secrets.Setup(s => s.GetSecretAsync(name, null, It.IsAny<CancellationToken>())).ReturnsAsync(SecretResponse(name, value));

    private static Response<KeyVaultSecret> SecretResponse(string name, string value) =>
        Response.FromValue(SecretModelFactory.KeyVaultSecret(new SecretProperties(name), value), Mock.Of<Response>());

    private RunwayApiKeyProvider VaultProvider(Action<RunwayOptions>? configure = null)
    {
        var options = new RunwayOptions { KeyVaultUri = Vault };
        configure?.Invoke(options);
        var factory = new Mock<IRunwaySecretClientFactory>();
        factory.Setup(f => f.Create(Vault)).Returns(_secrets.Object);
        return new RunwayApiKeyProvider(Monitor(options), factory.Object, _logger, _time, new ConfigurationBuilder().Build());
    }

    private RunwayApiKeyProvider EnvProvider(string? key)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["RUNWAYML_API_SECRET"] = key }).Build();
        return new RunwayApiKeyProvider(Monitor(new RunwayOptions()), Mock.Of<IRunwaySecretClientFactory>(MockBehavior.Strict), _logger, _time, configuration);
    }
}
