using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace RunwayRelay.IntegrationTests.Http.OpenApi;

/// <summary>The checked-in <c>docs/openapi.json</c>, as text, as JSON and as read by Microsoft.OpenApi.</summary>
internal static class CheckedInOpenApi
{
    /// <summary>Set to 1 to let the drift test rewrite the file with what the DevHost serves (scripts/update-openapi.sh does).</summary>
    public const string UpdateVariable = "RUNWAYRELAY_UPDATE_OPENAPI";

    /// <summary>The Functions app serves this file, embedded in the Core assembly.</summary>
    public static string Path { get; } = System.IO.Path.Combine(RepoPaths.Root, "docs", "openapi.json");

    public static string Text() => File.ReadAllText(Path);

    public static JsonElement Json()
    {
        using var document = JsonDocument.Parse(Text());
        return document.RootElement.Clone();
    }

    public static ReadResult Read() => OpenApiDocument.Parse(Text(), OpenApiConstants.Json);

    /// <summary>Every operation as (path without the leading slash, lower-case method).</summary>
    public static IReadOnlyList<(string Path, string Method)> Operations() =>
        Json().GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => (p.Name.TrimStart('/'), m.Name.ToLowerInvariant())))
            .ToList();
}
