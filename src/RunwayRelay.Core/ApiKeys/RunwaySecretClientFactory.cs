using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;

namespace RunwayRelay.ApiKeys;

/// <summary>Makes the Key Vault client; replace the registration to point the provider at another vault or transport (tests).</summary>
public interface IRunwaySecretClientFactory
{
    SecretClient Create(Uri vaultUri);
}

/// <summary>Production: <see cref="DefaultAzureCredential"/> (managed identity in Azure, developer sign-in locally).</summary>
public sealed class DefaultAzureCredentialSecretClientFactory : IRunwaySecretClientFactory
{
    private readonly Lazy<TokenCredential> _credential = new(() => new DefaultAzureCredential());

    public SecretClient Create(Uri vaultUri) => new(vaultUri, _credential.Value);
}

/// <summary>Uses a given credential and options (e.g. a fake vault with a custom transport).</summary>
public sealed class RunwaySecretClientFactory(TokenCredential credential, SecretClientOptions? options = null) : IRunwaySecretClientFactory
{
    public SecretClient Create(Uri vaultUri) => new(vaultUri, credential, options ?? new SecretClientOptions());
}
