using System.Collections.Concurrent;
using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;

namespace RunwayRelay.ApiKeys;

/// <summary>
/// Key Vault clients for whichever vault <c>Runway__KeyVaultUri</c> names at the time (the setting can change while the
/// app runs). Without arguments: <see cref="DefaultAzureCredential"/> (managed identity in Azure, developer sign-in
/// locally), made on first use so an app without a vault never builds one; or a given credential and options (e.g. a
/// fake vault with a custom transport). One client per vault, shared by the key provider and the Key Vault health check
/// (a client holds its pipeline and token cache).
/// </summary>
public sealed class RunwaySecretClientFactory : IRunwaySecretClientFactory
{
    private readonly Lazy<TokenCredential> _credential;
    private readonly SecretClientOptions _options;
    private readonly ConcurrentDictionary<Uri, SecretClient> _clients = new();

    public RunwaySecretClientFactory()
    {
        _credential = new Lazy<TokenCredential>(() => new DefaultAzureCredential());
        _options = new SecretClientOptions();
    }

    public RunwaySecretClientFactory(TokenCredential credential, SecretClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _credential = new Lazy<TokenCredential>(credential);
        _options = options ?? new SecretClientOptions();
    }

    public SecretClient Create(Uri vaultUri) => _clients.GetOrAdd(vaultUri, uri => new SecretClient(uri, _credential.Value, _options));
}
