using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace RunwayRelay.IntegrationTests.Http.OpenApi;

/// <summary>The checked-in Power Platform connector (<c>docs/connector</c>): its two files as text, JSON and Swagger 2.0.</summary>
internal static class CheckedInConnector
{
    public const string ApiDefinitionFile = "apiDefinition.swagger.json";
    public const string ApiPropertiesFile = "apiProperties.json";

    /// <summary>Relative to the repository root; scripts/update-openapi.sh rewrites it.</summary>
    public static string Folder { get; } = Path.Combine(RepoPaths.Root, "docs", "connector");

    public static string ApiDefinitionPath { get; } = Path.Combine(Folder, ApiDefinitionFile);

    public static string ApiPropertiesPath { get; } = Path.Combine(Folder, ApiPropertiesFile);

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
