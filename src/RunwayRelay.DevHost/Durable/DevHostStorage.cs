using Azure.Storage.Blobs;

namespace RunwayRelay.DevHost.Durable;

/// <summary>The DevHost's durable store: <c>AzureWebJobsStorage</c> as a connection string (Azurite by default).</summary>
public static class DevHostStorage
{
    public const string SettingName = "AzureWebJobsStorage";
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    public static string ConnectionString(IConfiguration configuration)
    {
        string? value = configuration[SettingName];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DevelopmentStorage;
        }
        if (!value.Contains('=', StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"{SettingName} must be a storage connection string for the DevHost (identity-based connections are for Azure); " +
                $"unset it to use Azurite ({DevelopmentStorage}).");
        }
        return value;
    }

    /// <summary>The blob endpoint, never the account key.</summary>
    public static string Describe(string connectionString)
    {
        try
        {
            return UriPaths.WithoutTrailingSlash(new BlobServiceClient(connectionString).Uri.GetLeftPart(UriPartial.Path));
        }
        catch (FormatException)
        {
            return "an unreadable connection string";
        }
    }
}
