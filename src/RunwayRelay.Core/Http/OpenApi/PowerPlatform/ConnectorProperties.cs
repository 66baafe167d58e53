using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunwayRelay.Http.OpenApi.PowerPlatform;

/// <summary>
/// <c>apiProperties.json</c>: the function key as the connection's <c>api_key</c> (the platform sends it in the header the
/// swagger's security definition names) and the app's host name, which the <c>dynamichosturl</c> policy puts in front of
/// every call, so one imported connector serves any number of Functions apps.
/// </summary>
internal static class ConnectorProperties
{
    public static string Build()
    {
        var properties = new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["connectionParameters"] = new JsonObject
                {
                    [PowerPlatformConnector.HostParameter] = Parameter("string", "Host name",
                        "The host name of the RunwayRelay Functions app, e.g. my-relay.azurewebsites.net (no https://, no path).",
                        "Calls go to https://<host name>/api/...", tabIndex: 1, clearText: true),
                    [PowerPlatformConnector.ApiKeyParameter] = Parameter("securestring", "Function key",
                        "A function key of the app (Azure portal: the Functions app, App keys), or DevHost__ApiKey on a DevHost with remote access.",
                        $"Sent as the {FunctionKeys.HeaderName} header.", tabIndex: 2, clearText: false),
                },
                ["iconBrandColor"] = "#1f4e79",
                ["capabilities"] = new JsonArray(),
                ["publisher"] = "RunwayRelay",
                ["stackOwner"] = "RunwayRelay",
                ["policyTemplateInstances"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["templateId"] = "dynamichosturl",
                        ["title"] = "Host from the connection",
                        ["parameters"] = new JsonObject
                        {
                            ["x-ms-apimTemplateParameter.urlTemplate"] = $"https://@connectionParameters('{PowerPlatformConnector.HostParameter}')",
                        },
                    },
                },
            },
        };
        return properties.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            NewLine = "\n",
            // Keeps @connectionParameters('...') readable: the default encoder would write the quotes as \u0027.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }) + "\n";
    }

    private static JsonObject Parameter(string type, string displayName, string description, string tooltip, int tabIndex, bool clearText) => new()
    {
        ["type"] = type,
        ["uiDefinition"] = new JsonObject
        {
            ["displayName"] = displayName,
            ["description"] = description,
            ["tooltip"] = tooltip,
            ["constraints"] = new JsonObject
            {
                ["tabIndex"] = tabIndex,
                ["clearText"] = clearText,
                ["required"] = "true",
            },
        },
    };
}
