using Azure;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunwayRelay.Runway;

namespace RunwayRelay.ApiKeys;

/// <summary>
/// Reads the Runway key from Key Vault when <c>Runway:KeyVaultUri</c> is set, else from <c>RUNWAYML_API_SECRET</c>;
/// checks its format, caches it for <see cref="RunwayOptions.ApiKeyCacheDuration"/> and logs only its fingerprint.
/// <see cref="Invalidate"/> makes the next call read the source again, so a key rotated in Key Vault is picked up
/// after Runway's first 401 without a restart.
/// </summary>
public sealed class RunwayApiKeyProvider : IRunwayApiKeyProvider
{
    public const string EnvironmentVariable = "RUNWAYML_API_SECRET";

    private readonly IOptionsMonitor<RunwayOptions> _options;
    private readonly IRunwaySecretClientFactory _secretClients;
    private readonly ILogger<RunwayApiKeyProvider> _logger;
    private readonly TimeProvider _time;
    private readonly IConfiguration? _configuration;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile CachedKey? _cached;

    public RunwayApiKeyProvider(
        IOptionsMonitor<RunwayOptions> options,
        IRunwaySecretClientFactory secretClients,
        ILogger<RunwayApiKeyProvider> logger,
        TimeProvider? timeProvider = null,
        IConfiguration? configuration = null)
    {
        _options = options;
        _secretClients = secretClients;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _configuration = configuration;
    }

    public async ValueTask<RunwayApiKey> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_cached is { } hit && hit.ExpiresAt > _time.GetUtcNow())
        {
            return hit.Key;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached is { } fresh && fresh.ExpiresAt > _time.GetUtcNow())
            {
                return fresh.Key;
            }
            var key = await ReadAsync(cancellationToken).ConfigureAwait(false);
            var previous = _cached;
            _cached = new CachedKey(key, _time.GetUtcNow() + _options.CurrentValue.ApiKeyCacheDuration);
            if (previous is not null && previous.Key.Fingerprint != key.Fingerprint)
            {
                _logger.RunwayApiKeyRotated(previous.Key.Fingerprint, key.Fingerprint, key.Source);
            }
            else
            {
                _logger.RunwayApiKeyRead(key.Fingerprint, key.Source);
            }
            return key;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Invalidate()
    {
        // Keep the old entry's fingerprint for the rotation log line, but make it stale.
        if (_cached is { } cached)
        {
            _cached = cached with { ExpiresAt = DateTimeOffset.MinValue };
            _logger.RunwayApiKeyInvalidated(cached.Key.Fingerprint);
        }
    }

    private async Task<RunwayApiKey> ReadAsync(CancellationToken cancellationToken)
    {
        var options = _options.CurrentValue;
        string? value;
        string source;
        if (options.KeyVaultUri is { } vault)
        {
            source = $"Key Vault {vault} secret '{options.ApiKeySecretName}'";
            value = await ReadFromVaultAsync(vault, options.ApiKeySecretName, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            source = EnvironmentVariable;
            value = _configuration is not null ? _configuration[EnvironmentVariable] : Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new RunwayApiKeyException(
                    "No Runway API key is configured: set Runway__KeyVaultUri to a Key Vault holding it (secret name in " +
                    $"Runway__ApiKeySecretName, default '{options.ApiKeySecretName}'), or set {EnvironmentVariable} to the key for local use. " +
                    $"Create a key in the Runway developer portal ({RunwayPortal.Url}).");
            }
        }

        // A secret pasted with a trailing newline is still the right key; anything else wrong is reported precisely.
        value = value?.Trim();
        if (RunwayApiKeyFormat.Describe(value) is { } problem)
        {
            throw new RunwayApiKeyException(
                $"The Runway API key from {source} is malformed: it {problem}. Copy the key again from the Runway developer portal ({RunwayPortal.Url}).");
        }
        return new RunwayApiKey(value!, RunwayApiKeyFormat.Fingerprint(value!), source);
    }

    private async Task<string?> ReadFromVaultAsync(Uri vault, string name, CancellationToken cancellationToken)
    {
        var client = _secretClients.Create(vault);
        try
        {
            var secret = await client.GetSecretAsync(name, null, cancellationToken).ConfigureAwait(false);
            return secret.Value.Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new RunwayApiKeyException(
                $"Key Vault {vault} has no secret named '{name}' (404): add it with `az keyvault secret set --vault-name <vault> --name {name} --value <key>`, " +
                "or set Runway__ApiKeySecretName to the secret that holds the Runway key.", ex);
        }
        catch (RequestFailedException ex) when (ex.Status == 403)
        {
            throw new RunwayApiKeyException(
                $"The app's identity may not read secret '{name}' in Key Vault {vault} (403 Forbidden): grant it the 'Key Vault Secrets User' role " +
                "on the vault (or a 'get' secret access policy), and check the vault's network rules.", ex);
        }
        catch (RequestFailedException ex) when (ex.Status == 401)
        {
            throw new RunwayApiKeyException(
                $"Key Vault {vault} did not accept the app's credentials (401): check that the managed identity (or your `az login` account) " +
                "belongs to the vault's tenant.", ex);
        }
        catch (RequestFailedException ex)
        {
            throw new RunwayApiKeyException(
                $"Reading secret '{name}' from Key Vault {vault} failed (HTTP {ex.Status} {ex.ErrorCode}): check Runway__KeyVaultUri and the vault's availability.", ex);
        }
        catch (AuthenticationFailedException ex)
        {
            throw new RunwayApiKeyException(
                $"Could not get a token for Key Vault {vault}: enable a managed identity for the app (in Azure) or sign in with `az login` (locally); " +
                $"or unset Runway__KeyVaultUri and set {EnvironmentVariable}.", ex);
        }
    }

    private sealed record CachedKey(RunwayApiKey Key, DateTimeOffset ExpiresAt);
}
