using Azure;
using Azure.Identity;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RunwayRelay.ApiKeys;
using RunwayRelay.Runway;

namespace RunwayRelay.Health;

/// <summary>
/// Key Vault answers and holds the key's secret (only when <c>Runway__KeyVaultUri</c> is set). Reads the vault itself
/// rather than the key provider's cached copy: a vault that went away must show here before the cached key expires.
/// </summary>
internal sealed class KeyVaultHealthCheck(IOptionsMonitor<RunwayOptions> options, IRunwaySecretClientFactory factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue;
        if (settings.KeyVaultUri is not { } vault)
        {
            return HealthCheckResult.Healthy("Not configured: the key comes from " + RunwayApiKeyProvider.EnvironmentVariable + ".",
                new Dictionary<string, object> { ["configured"] = false });
        }
        var data = new Dictionary<string, object> { ["configured"] = true, ["vault"] = vault.ToString(), ["secretName"] = settings.ApiKeySecretName };
        try
        {
            var client = factory.Create(vault);
            // The value is dropped at once: only the answer matters here (the provider keeps the key it uses).
            var secret = await client.GetSecretAsync(settings.ApiKeySecretName, null, cancellationToken).ConfigureAwait(false);
            data["enabled"] = secret.Value.Properties.Enabled ?? true;
            return HealthCheckResult.Healthy($"Key Vault {vault} answered and holds secret '{settings.ApiKeySecretName}'.", data);
        }
        catch (RequestFailedException e)
        {
            data["status"] = e.Status;
            string reason = e.Status switch
            {
                0 => "could not be reached",
                401 or 403 => $"refused the app's identity ({e.Status}): grant it the 'Key Vault Secrets User' role on the vault",
                404 => $"has no secret named '{settings.ApiKeySecretName}' (404)",
                _ => $"answered {e.Status} {e.ErrorCode}",
            };
            return HealthCheckResult.Unhealthy($"Key Vault {vault} {reason}.", data: data);
        }
        catch (AggregateException)
        {
            // Azure.Core's answer once its retries found no server.
            return HealthCheckResult.Unhealthy($"Key Vault {vault} could not be reached.", data: data);
        }
        catch (AuthenticationFailedException)
        {
            return HealthCheckResult.Unhealthy($"No token for Key Vault {vault}: enable a managed identity for the app, or sign in with `az login` locally.", data: data);
        }
    }
}
