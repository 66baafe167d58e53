using Azure.Security.KeyVault.Secrets;

namespace RunwayRelay.ApiKeys;

/// <summary>Makes the Key Vault client; replace the registration to point the provider at another vault or transport (tests).</summary>
public interface IRunwaySecretClientFactory
{
    /// <summary>The client for <paramref name="vaultUri"/>; callers may ask on every read (the production factory keeps one per vault).</summary>
    SecretClient Create(Uri vaultUri);
}
