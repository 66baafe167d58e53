using System.Text.RegularExpressions;
using RunwayRelay.IntegrationTests.Http.OpenApi;

namespace RunwayRelay.IntegrationTests.Samples;

/// <summary>
/// The Logic Apps samples under samples/logic-apps, checked against the checked-in OpenAPI document (itself checked
/// against both hosts' routes by the drift and route tests): every URI is a real operation with the function key from a
/// parameter, every body field is one the operation's schema takes, and every output the workflow reads exists.
/// </summary>
public sealed partial class LogicAppsSampleTests
{
    private const string BaseUrl = "@{parameters('runwayRelayBaseUrl')}";
    private const string KeyQuery = "?code=@{uriComponent(parameters('runwayRelayFunctionKey'))}";
    private const string CallbackExpression = "@{listCallbackUrl()}";

    private static readonly string Folder = Path.Combine(RepoPaths.Root, "samples", "logic-apps");

    private static readonly string[] WorkflowFiles =
    [
        "standard/GenerateVideoPolling/workflow.json",
        "standard/GenerateVideoWebhook/workflow.json",
        "consumption/polling.definition.json",
        "consumption/webhook.definition.json",
    ];

    public static TheoryData<string> Workflows() => new(WorkflowFiles);

    [Fact]
    public void Samples_Folder_HoldsExactlyTheFourWorkflowsAndTheStandardParameters()
    {
        var files = Directory.GetFiles(Folder, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/')).ToList();

        string[] expected = [.. WorkflowFiles, "standard/parameters.json"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), files.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Sample_EveryCall_IsAnOperationOfTheApiWithItsSchemasFields(string file)
    {
        var definition = Load(file).GetProperty("definition");
        var calls = Calls(definition.GetProperty("actions")).ToList();
        var operations = CheckedInOpenApi.Operations();
        var openApi = CheckedInOpenApi.Json();

        Assert.NotEmpty(calls);
        foreach (var (action, method, uri, body, headers) in calls)
        {
            Assert.StartsWith(BaseUrl, uri, StringComparison.Ordinal);
            Assert.EndsWith(KeyQuery, uri, StringComparison.Ordinal);
            string path = uri[BaseUrl.Length..^KeyQuery.Length];
            Assert.Contains((path.TrimStart('/'), method.ToLowerInvariant()), operations);
            Assert.Equal("application/json", headers.GetProperty("Content-Type").GetString());

            var schema = RequestSchema(openApi, path, method, body);
            var properties = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            var fields = body.EnumerateObject().Select(p => p.Name).ToList();
            Assert.All(fields, f => Assert.True(properties.Contains(f), $"{file} {action}: '{f}' is not a field of {path}"));
            Assert.All(schema.GetProperty("required").EnumerateArray(), r => Assert.Contains(r.GetString()!, fields));
            if (schema.GetProperty("properties").TryGetProperty("model", out var model))
            {
                Assert.Contains(body.GetProperty("model").GetString(), model.GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
            }
        }
        // The function key and the base URL come from parameters the workflow declares (Standard: parameters.json).
        var parameters = file.StartsWith("standard/", StringComparison.Ordinal)
            ? Load("standard/parameters.json")
            : definition.GetProperty("parameters");
        Assert.True(parameters.TryGetProperty("runwayRelayBaseUrl", out _));
        Assert.Equal(file.StartsWith("standard/", StringComparison.Ordinal) ? "String" : "SecureString",
            parameters.GetProperty("runwayRelayFunctionKey").GetProperty("type").GetString());
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Sample_EveryOutputItReads_IsAMemberOfTheFinalStatusBodies(string file)
    {
        var schemas = CheckedInOpenApi.Json().GetProperty("components").GetProperty("schemas");
        var members = new[] { "GenerationSucceededResponse", "StoredVideo", "GenerationFailureProblem" }
            .SelectMany(s => schemas.GetProperty(s).GetProperty("properties").EnumerateObject().Select(p => p.Name))
            .ToHashSet(StringComparer.Ordinal);

        var read = OutputMember().Matches(File.ReadAllText(Path.Combine(Folder, file))).Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(read);
        Assert.All(read, m => Assert.True(members.Contains(m), $"{file} reads '{m}', which no final status body has"));
    }

    [Fact]
    public void PollingSamples_CallStartWithAnIdempotencyKeyAndKeepTheAsyncPattern()
    {
        foreach (string file in new[] { "standard/GenerateVideoPolling/workflow.json", "consumption/polling.definition.json" })
        {
            var action = Load(file).GetProperty("definition").GetProperty("actions").GetProperty("Generate_video");

            Assert.Equal("Http", action.GetProperty("type").GetString());
            Assert.Equal(BaseUrl + "/api/generations" + KeyQuery, action.GetProperty("inputs").GetProperty("uri").GetString());
            Assert.True(action.GetProperty("inputs").GetProperty("headers").TryGetProperty("Idempotency-Key", out _));
            // DisableAsyncPattern would make the action end at the 202 instead of following Location.
            Assert.False(action.TryGetProperty("operationOptions", out _));
        }
    }

    [Fact]
    public void WebhookSamples_SubscribeAndUnsubscribeWithTheCallbackUrlAndFailTheRunOnAFailure()
    {
        foreach (string file in new[] { "standard/GenerateVideoWebhook/workflow.json", "consumption/webhook.definition.json" })
        {
            var actions = Load(file).GetProperty("definition").GetProperty("actions");
            var inputs = actions.GetProperty("Generate_video").GetProperty("inputs");

            Assert.Equal("HttpWebhook", actions.GetProperty("Generate_video").GetProperty("type").GetString());
            Assert.Equal(BaseUrl + "/api/generations/subscribe" + KeyQuery, inputs.GetProperty("subscribe").GetProperty("uri").GetString());
            Assert.Equal(BaseUrl + "/api/generations/unsubscribe" + KeyQuery, inputs.GetProperty("unsubscribe").GetProperty("uri").GetString());
            Assert.Equal(CallbackExpression, inputs.GetProperty("subscribe").GetProperty("body").GetProperty("callbackUrl").GetString());
            Assert.Equal(CallbackExpression, inputs.GetProperty("unsubscribe").GetProperty("body").GetProperty("callbackUrl").GetString());
            var check = actions.GetProperty("Check_outcome");
            Assert.Equal("Succeeded", check.GetProperty("expression").GetProperty("and")[0].GetProperty("equals")[1].GetString());
            var fail = check.GetProperty("else").GetProperty("actions").GetProperty("Fail_run");
            Assert.Equal("Terminate", fail.GetProperty("type").GetString());
            Assert.Equal("Failed", fail.GetProperty("inputs").GetProperty("runStatus").GetString());
        }
    }

    /// <summary>Every <c>?['member']</c> read from the action's body (array indexes skipped).</summary>
    [GeneratedRegex(@"(?<=body\('Generate_video'\)(?:\?\[(?:'\w+'|\d+)\])*)\?\['(\w+)'\]")]
    private static partial Regex OutputMember();

    private static JsonElement RequestSchema(JsonElement openApi, string path, string method, JsonElement body)
    {
        var schemas = openApi.GetProperty("components").GetProperty("schemas");
        var schema = openApi.GetProperty("paths").GetProperty(path).GetProperty(method.ToLowerInvariant())
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        if (schema.TryGetProperty("$ref", out var reference))
        {
            schema = schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        }
        if (schema.TryGetProperty("discriminator", out var discriminator))
        {
            string family = discriminator.GetProperty("mapping").GetProperty(body.GetProperty(discriminator.GetProperty("propertyName").GetString()!).GetString()!).GetString()!;
            schema = schemas.GetProperty(family.Split('/')[^1]);
        }
        return schema;
    }

    private static IEnumerable<(string Action, string Method, string Uri, JsonElement Body, JsonElement Headers)> Calls(JsonElement actions)
    {
        foreach (var action in actions.EnumerateObject())
        {
            var value = action.Value;
            switch (value.GetProperty("type").GetString())
            {
                case "Http":
                    yield return Call(action.Name, value.GetProperty("inputs"));
                    break;
                case "HttpWebhook":
                    yield return Call(action.Name + ".subscribe", value.GetProperty("inputs").GetProperty("subscribe"));
                    yield return Call(action.Name + ".unsubscribe", value.GetProperty("inputs").GetProperty("unsubscribe"));
                    break;
            }
            foreach (var nested in new[] { value.TryGetProperty("actions", out var a) ? a : default, value.TryGetProperty("else", out var e) ? e.GetProperty("actions") : default })
            {
                if (nested.ValueKind == JsonValueKind.Object)
                {
                    foreach (var call in Calls(nested))
                    {
                        yield return call;
                    }
                }
            }
        }
    }

    private static (string, string, string, JsonElement, JsonElement) Call(string name, JsonElement inputs) =>
        (name, inputs.GetProperty("method").GetString()!, inputs.GetProperty("uri").GetString()!, inputs.GetProperty("body"), inputs.GetProperty("headers"));

    private static JsonElement Load(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, file)));
        return document.RootElement.Clone();
    }
}
