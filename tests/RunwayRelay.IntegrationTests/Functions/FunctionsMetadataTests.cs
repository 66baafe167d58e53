namespace RunwayRelay.IntegrationTests.Functions;

/// <summary>
/// The Functions host cannot run here, so the next best proof of the wrappers: the functions.metadata the SDK's build
/// step generates from them, which is exactly what the host reads to bind triggers.
/// </summary>
public sealed class FunctionsMetadataTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly Dictionary<string, JsonElement> Functions = Load();

    [Fact]
    public void Metadata_EveryOrchestrationTask_HasItsTrigger()
    {
        Assert.Equal("orchestrationTrigger", Trigger(GenerationTasks.Orchestrator).GetProperty("type").GetString());
        Assert.Equal("orchestrationTrigger", Trigger(GenerationTasks.CallbackDelivery).GetProperty("type").GetString());
        foreach (string activity in new[]
        {
            GenerationTasks.EnsureApiKey, GenerationTasks.SubmitGeneration, GenerationTasks.ReadRunwayTask,
            GenerationTasks.CopyOutputs, GenerationTasks.CancelRunwayTask, GenerationTasks.StartCallbackDelivery,
            GenerationTasks.DeliverCallback, GenerationTasks.ReleaseGeneration,
        })
        {
            Assert.Equal("activityTrigger", Trigger(activity).GetProperty("type").GetString());
        }
    }

    [Theory]
    [InlineData("StartGeneration", "post", "generations", true)]
    [InlineData("GetGeneration", "get", "generations/{id}", true)]
    [InlineData("CancelGeneration", "delete", "generations/{id}", true)]
    [InlineData("SubscribeGeneration", "post", "generations/subscribe", true)]
    [InlineData("UnsubscribeGeneration", "post", "generations/unsubscribe", true)]
    [InlineData("RedeliverGenerationCallback", "post", "generations/{id}/callback/redeliver", true)]
    [InlineData("QuoteGeneration", "post", "generations/quote", false)]
    [InlineData("GetUsage", "get", "usage", false)]
    [InlineData("GetHealth", "get", "health", false)]
    public void Metadata_HttpRoutes_MatchTheContractWithAFunctionKey(string name, string method, string route, bool durableClient)
    {
        var trigger = Trigger(name);

        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("Function", trigger.GetProperty("authLevel").GetString(), ignoreCase: true);
        if (durableClient)
        {
            Assert.Contains(Bindings(name), b => b.GetProperty("type").GetString() == "durableClient");
        }
    }

    [Fact]
    public void Metadata_BlobUpload_IsAnEventGridBlobTriggerOnTheInputContainer()
    {
        var trigger = Trigger("StartGenerationFromBlob");

        Assert.Equal("blobTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("%Input:Container%/{name}", trigger.GetProperty("path").GetString());
        Assert.Equal("EventGrid", trigger.GetProperty("source").GetString());
        Assert.Equal("VideoStorage", trigger.GetProperty("connection").GetString());
    }

    private static IEnumerable<JsonElement> Bindings(string function) =>
        Assert.Contains(function, Functions).GetProperty("bindings").EnumerateArray();

    private static JsonElement Trigger(string function) =>
        Assert.Single(Bindings(function), b => b.GetProperty("direction").GetString() == "In" && b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    private static Dictionary<string, JsonElement> Load()
    {
        string path = Path.Combine(RepoPaths.Root, "src", "RunwayRelay.Functions", "bin", Configuration, "net10.0", "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone());
    }
}
