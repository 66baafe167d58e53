using Microsoft.AspNetCore.Http;

namespace RunwayRelay.Http.OpenApi;

/// <summary>
/// The checked-in <c>docs/openapi.json</c>, embedded at build time. The Functions app serves this copy: the worker has
/// no ASP.NET Core endpoint routing to run the generator on, and a test keeps the file equal to what the code generates.
/// </summary>
public static class OpenApiDocumentFile
{
    internal const string ResourceName = "RunwayRelay.openapi.json";

    private static readonly Lazy<byte[]> Content = new(Load);

    public static ReadOnlyMemory<byte> Bytes => Content.Value;

    /// <summary>The answer of <c>GET /api/openapi.json</c> on Functions.</summary>
    public static IResult Result() => TypedResults.Bytes(Content.Value, "application/json;charset=utf-8");

    private static byte[] Load()
    {
        using var stream = typeof(OpenApiDocumentFile).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from {typeof(OpenApiDocumentFile).Assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
