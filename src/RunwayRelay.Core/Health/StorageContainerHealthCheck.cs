using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RunwayRelay.Health;

/// <summary>
/// The storage account answers for one container. A container that does not exist yet is healthy: the app creates each
/// on first use, and a fresh deployment has not used them all.
/// </summary>
internal sealed class StorageContainerHealthCheck(BlobServiceClient storage, string setting, Func<string> container) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        string name = container();
        var data = new Dictionary<string, object> { ["container"] = name, ["setting"] = setting, ["account"] = storage.AccountName };
        try
        {
            bool exists = (await storage.GetBlobContainerClient(name).ExistsAsync(cancellationToken).ConfigureAwait(false)).Value;
            data["exists"] = exists;
            return HealthCheckResult.Healthy(exists ? $"Container '{name}' is reachable." : $"The account is reachable; container '{name}' is created on first use.", data);
        }
        catch (RequestFailedException e) when (e.Status != 0)
        {
            data["status"] = e.Status;
            return HealthCheckResult.Unhealthy($"Storage answered {e.Status} {e.ErrorCode} for container '{name}': check the VideoStorage connection and the app's role on the account (Storage Blob Data Contributor).", data: data);
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException)
        {
            return HealthCheckResult.Unhealthy($"Storage account '{storage.AccountName}' could not be reached for container '{name}': check VideoStorage (or AzureWebJobsStorage) and the network.", data: data);
        }
    }
}
