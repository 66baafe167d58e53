using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace RunwayRelay.Storage;

/// <summary>
/// Builds the <see cref="BlobServiceClient"/> of the video storage from <c>VideoStorage</c> (a connection string, or
/// <c>VideoStorage__serviceUri</c>/<c>VideoStorage__blobServiceUri</c> with managed identity), falling back to
/// <c>AzureWebJobsStorage</c> in the same two forms, as the Functions host reads its own connections.
/// </summary>
public static class VideoStorageClientFactory
{
    public const string ConnectionName = "VideoStorage";
    public const string FallbackConnectionName = "AzureWebJobsStorage";

    public static BlobServiceClient Create(IConfiguration configuration, BlobClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        options ??= new BlobClientOptions();
        return TryCreate(configuration.GetSection(ConnectionName), options)
            ?? TryCreate(configuration.GetSection(FallbackConnectionName), options)
            ?? throw new InvalidOperationException(
                "No video storage configured: set VideoStorage (a connection string, or VideoStorage__serviceUri for managed identity) " +
                "or AzureWebJobsStorage (UseDevelopmentStorage=true for Azurite).");
    }

    private static BlobServiceClient? TryCreate(IConfigurationSection section, BlobClientOptions options)
    {
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return new BlobServiceClient(section.Value.Trim(), options);
        }
        string? uri = section["blobServiceUri"] ?? section["serviceUri"];
        if (string.IsNullOrWhiteSpace(uri))
        {
            return null;
        }
        if (!Uri.TryCreate(uri.Trim(), UriKind.Absolute, out var serviceUri))
        {
            throw new InvalidOperationException($"{section.Path}__serviceUri must be the account's blob endpoint, e.g. https://<account>.blob.core.windows.net/.");
        }
        // The Functions convention: __clientId picks a user-assigned identity; otherwise DefaultAzureCredential's chain.
        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = section["clientId"] });
        return new BlobServiceClient(serviceUri, credential, options);
    }
}
