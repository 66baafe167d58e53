using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using RunwayRelay.Http.OpenApi.PowerPlatform;

namespace RunwayRelay.IntegrationTests.Http.OpenApi;

/// <summary>The checked-in Power Platform connector (<c>docs/connector</c>): its two files as text, JSON and Swagger 2.0.</summary>
internal static class CheckedInConnector
{
    public static string Folder { get; } = Path.Combine(RepoPaths.Root, PowerPlatformConnector.CheckedInFolder);

    public static string ApiDefinitionPath { get; } = Path.Combine(Folder, PowerPlatformConnector.ApiDefinitionFile);

    public static string ApiPropertiesPath { get; } = Path.Combine(Folder, PowerPlatformConnector.ApiPropertiesFile);

    public static JsonElement ApiDefinition() => Parse(File.ReadAllText(ApiDefinitionPath));

    public static JsonElement ApiProperties() => Parse(File.ReadAllText(ApiPropertiesPath));

    public static ReadResult Read() => OpenApiDocument.Parse(File.ReadAllText(ApiDefinitionPath), OpenApiConstants.Json);

    /// <summary>Every operation as (route without the leading slash, lower-case method, the operation), the base path included.</summary>
    public static IReadOnlyList<(string Path, string Method, JsonElement Operation)> Operations()
    {
        var swagger = ApiDefinition();
        string basePath = swagger.TryGetProperty("basePath", out var b) ? b.GetString()!.Trim('/') : "";
        return swagger.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(m => !m.Name.StartsWith("x-", StringComparison.Ordinal))
                .Select(m => ((basePath.Length == 0 ? "" : basePath + "/") + p.Name.TrimStart('/'), m.Name.ToLowerInvariant(), m.Value)))
            .ToList();
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
