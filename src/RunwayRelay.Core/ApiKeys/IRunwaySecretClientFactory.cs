using Azure.Security.KeyVault.Secrets;

namespace RunwayRelay.ApiKeys;

/// <summary>Makes the Key Vault client; replace the registration to point the provider at another vault or transport (tests).</summary>
public interface IRunwaySecretClientFactory
{
    SecretClient Create(Uri vaultUri);
}
