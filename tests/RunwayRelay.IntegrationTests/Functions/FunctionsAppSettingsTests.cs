using System.Text.RegularExpressions;

namespace RunwayRelay.IntegrationTests.Functions;

/// <summary>
/// What the Functions host needs from the app settings to index the functions, checked against what infra/ deploys:
/// the host resolves <c>%Name%</c> through IConfiguration (key separator <c>:</c>, no <c>__</c>, azure-functions-host#10246)
/// and disables a function whose binding does not resolve, which drops Event Grid deliveries silently.
/// </summary>
public sealed partial class FunctionsAppSettingsTests
{
    private static readonly string Infra = Path.Combine(RepoPaths.Root, "infra");
    private static readonly string MainBicep = File.ReadAllText(Path.Combine(Infra, "main.bicep"));
    private static readonly string FunctionAppBicep = File.ReadAllText(Path.Combine(Infra, "modules", "function-app.bicep"));

    /// <summary>Every app setting the Bicep gives the Function App: main.bicep's RunwayRelay settings plus the module's connection settings.</summary>
    private static readonly Dictionary<string, string> AppSettings = DeployedAppSettings();

    [Fact]
    public void Bindings_BindingExpressions_UseColonsAndResolveToDeployedAppSettings()
    {
        var expressions = FunctionsBuildOutput.Bindings()
            .SelectMany(b => StringValues(b.Binding).SelectMany(v => BindingExpression().Matches(v)).Select(m => (b.Function, Name: m.Groups["name"].Value)))
            .ToList();

        Assert.NotEmpty(expressions);
        foreach (var (function, name) in expressions)
        {
            Assert.False(name.Contains("__", StringComparison.Ordinal),
                $"{function}: '%{name}%' uses '__', which the Functions host cannot resolve; write '%{name.Replace("__", ":", StringComparison.Ordinal)}%'.");
            string setting = name.Replace(":", "__", StringComparison.Ordinal);
            Assert.True(AppSettings.ContainsKey(setting), $"{function}: '%{name}%' needs the app setting {setting}, which infra/ does not set.");
        }
    }

    [Fact]
    public void Bindings_BindingExpressionsAndConnections_ResolveInTheLocalSettingsSample()
    {
        // What `func start` reads from local.settings.json, which users copy from the sample.
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "local.settings.sample.json")));
        var values = sample.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        foreach (var (function, binding) in FunctionsBuildOutput.Bindings())
        {
            foreach (Match match in StringValues(binding).SelectMany(v => BindingExpression().Matches(v)))
            {
                string setting = match.Groups["name"].Value.Replace(":", "__", StringComparison.Ordinal);
                Assert.True(values.Contains(setting), $"{function}: local.settings.sample.json lacks {setting}");
            }
            if (binding.TryGetProperty("connection", out var connection))
            {
                Assert.True(values.Contains(connection.GetString()!), $"{function}: local.settings.sample.json lacks {connection.GetString()}");
            }
        }
    }

    [Fact]
    public void Bindings_Connections_AreSatisfiedByDeployedAppSettings()
    {
        var connections = FunctionsBuildOutput.Bindings()
            .Where(b => b.Binding.TryGetProperty("connection", out _))
            .Select(b => (b.Function, Name: b.Binding.GetProperty("connection").GetString()!))
            .ToList();

        Assert.NotEmpty(connections);
        foreach (var (function, name) in connections)
        {
            // A connection string under the name itself, or the identity-based form's service URI.
            Assert.True(new[] { name, name + "__serviceUri", name + "__blobServiceUri" }.Any(AppSettings.ContainsKey),
                $"{function}: connection '{name}' needs {name}, {name}__serviceUri or {name}__blobServiceUri among the app settings infra/ sets.");
        }
    }

    [Fact]
    public void Bindings_DurableStorage_IsSatisfiedByDeployedAppSettings()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")));
        var provider = host.RootElement.GetProperty("extensions").GetProperty("durableTask").GetProperty("storageProvider");
        string name = provider.TryGetProperty("connectionName", out var c) ? c.GetString()! : "AzureWebJobsStorage";

        Assert.Contains(FunctionsBuildOutput.Bindings(), b => b.Binding.GetProperty("type").GetString() == "durableClient");
        // The Azure Storage provider uses queues and tables besides blobs; identity-based, each needs its URI.
        Assert.True(AppSettings.ContainsKey(name)
            || new[] { "__blobServiceUri", "__queueServiceUri", "__tableServiceUri" }.All(s => AppSettings.ContainsKey(name + s)),
            $"the durable store's connection '{name}' is not fully set by infra/");
    }

    [Fact]
    public void EventGridSubscription_Endpoint_TargetsTheEventGridBlobTriggerOnTheInputContainer()
    {
        string function = Assert.Single(BlobTriggerFunctionParameter().Matches(MainBicep)).Groups["name"].Value;
        Assert.Matches(@"output BLOB_TRIGGER_FUNCTION_NAME string = blobTriggerFunctionName\b", MainBicep);

        // The host's blob extension webhook takes "Host.Functions.<function name>".
        var trigger = Assert.Single(FunctionsBuildOutput.Bindings(), b => b.Function == function && b.Binding.GetProperty("type").GetString() == "blobTrigger").Binding;
        Assert.Equal("EventGrid", trigger.GetProperty("source").GetString());
        Assert.Contains("/runtime/webhooks/blobs?functionName=Host.Functions.${BLOB_TRIGGER_FUNCTION_NAME}&code=",
            File.ReadAllText(Path.Combine(RepoPaths.Root, "scripts", "postprovision.sh")), StringComparison.Ordinal);
        Assert.Contains("/runtime/webhooks/blobs?functionName=Host.Functions.$($env:BLOB_TRIGGER_FUNCTION_NAME)&code=",
            File.ReadAllText(Path.Combine(RepoPaths.Root, "scripts", "postprovision.ps1")), StringComparison.Ordinal);

        // The subscription filters on INPUT_CONTAINER_NAME; the trigger's path must name the same container.
        string containerSetting = BindingExpression().Match(trigger.GetProperty("path").GetString()!).Groups["name"].Value.Replace(":", "__", StringComparison.Ordinal);
        Assert.Equal("inputContainerName", Assert.Contains(containerSetting, AppSettings));
        Assert.Matches(@"output INPUT_CONTAINER_NAME string = inputContainerName\b", MainBicep);
    }

    private static Dictionary<string, string> DeployedAppSettings()
    {
        // The module merges both objects into the site's appsettings; if it stops doing so, the lists below are wrong.
        Assert.Contains("properties: union(appSettings, connectionSettings)", FunctionAppBicep, StringComparison.Ordinal);
        var settings = BicepObjects.PropertiesAfter(FunctionAppBicep, "var connectionSettings =");
        int module = MainBicep.IndexOf("module functionApp ", StringComparison.Ordinal);
        Assert.True(module >= 0, "main.bicep no longer declares module functionApp");
        foreach (var (name, value) in BicepObjects.PropertiesAfter(MainBicep[module..], "appSettings:"))
        {
            settings[name] = value;
        }
        return settings;
    }

    private static IEnumerable<string> StringValues(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => StringValues(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(StringValues),
        _ => [],
    };

    [GeneratedRegex("%(?<name>[^%]+)%")]
    private static partial Regex BindingExpression();

    [GeneratedRegex(@"param blobTriggerFunctionName string = '(?<name>[^']+)'")]
    private static partial Regex BlobTriggerFunctionParameter();
}
