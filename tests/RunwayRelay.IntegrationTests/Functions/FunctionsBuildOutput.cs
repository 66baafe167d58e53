namespace RunwayRelay.IntegrationTests.Functions;

/// <summary>The functions.metadata the Functions SDK generated in the Functions project's build output (what the host indexes).</summary>
internal static class FunctionsBuildOutput
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public static string Directory { get; } = Path.Combine(RepoPaths.Root, "src", "RunwayRelay.Functions", "bin", Configuration, "net10.0");

    private static readonly List<(string Function, JsonElement Binding)> All = Load();

    public static IReadOnlyList<(string Function, JsonElement Binding)> Bindings() => All;

    private static List<(string, JsonElement)> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "functions.metadata")));
        return document.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray().Select(b => (f.GetProperty("name").GetString()!, b.Clone())))
            .ToList();
    }
}
