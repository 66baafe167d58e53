using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using RunwayRelay.Http.OpenApi.PowerPlatform;

namespace RunwayRelay.IntegrationTests.Http.OpenApi;

/// <summary>
/// The Power Platform custom connector in <c>docs/connector</c>: generated from the checked-in OpenAPI document (which
/// <see cref="DevHostOpenApiTests"/> keeps equal to what the code serves), valid Swagger 2.0 by Microsoft.OpenApi's
/// rules, and marked the way the connector format asks (async action, webhook trigger, API key). That its operations are
/// real routes of both hosts is <see cref="OpenApiRouteTests"/>.
/// </summary>
public sealed partial class PowerPlatformConnectorTests
{
    [Fact]
    public void CheckedInConnector_GeneratedFromTheCheckedInOpenApiDocument_IsUnchanged()
    {
        var generated = PowerPlatformConnector.Generate(CheckedInOpenApi.Text());

        if (Environment.GetEnvironmentVariable(CheckedInOpenApi.UpdateVariable) == "1")
        {
            Directory.CreateDirectory(CheckedInConnector.Folder);
            File.WriteAllText(CheckedInConnector.ApiDefinitionPath, generated.ApiDefinition);
            File.WriteAllText(CheckedInConnector.ApiPropertiesPath, generated.ApiProperties);
        }
        string hint = $"differs from what the code generates: run scripts/update-openapi.sh (or this test with {CheckedInOpenApi.UpdateVariable}=1) and commit it.";
        Assert.True(generated.ApiDefinition == File.ReadAllText(CheckedInConnector.ApiDefinitionPath), $"{CheckedInConnector.ApiDefinitionFile} {hint}");
        Assert.True(generated.ApiProperties == File.ReadAllText(CheckedInConnector.ApiPropertiesPath), $"{CheckedInConnector.ApiPropertiesFile} {hint}");
    }

    [Fact]
    public void ApiDefinition_ReadAndValidatedByMicrosoftOpenApi_IsSwagger2WithNoErrorsOrWarnings()
    {
        var read = CheckedInConnector.Read();

        Assert.Empty(read.Diagnostic?.Errors.Select(e => $"{e.Pointer}: {e.Message}") ?? []);
        Assert.Empty(read.Diagnostic?.Warnings.Select(w => $"{w.Pointer}: {w.Message}") ?? []);
        Assert.Equal(OpenApiSpecVersion.OpenApi2_0, read.Diagnostic?.SpecificationVersion);
        var validator = new OpenApiValidator(ValidationRuleSet.GetDefaultRuleSet());
        new OpenApiWalker(validator).Walk(read.Document!);
        Assert.Empty(validator.Errors.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.Empty(validator.Warnings.Select(w => $"{w.Pointer}: {w.Message}"));

        var swagger = CheckedInConnector.ApiDefinition();
        Assert.Equal("2.0", swagger.GetProperty("swagger").GetString());
        // Swagger 2.0 has no oneOf/anyOf; the designer cannot show them either.
        Assert.DoesNotContain("\"oneOf\"", File.ReadAllText(CheckedInConnector.ApiDefinitionPath), StringComparison.Ordinal);
        Assert.DoesNotContain("\"anyOf\"", File.ReadAllText(CheckedInConnector.ApiDefinitionPath), StringComparison.Ordinal);
    }

    [Fact]
    public void ApiDefinition_EveryReference_ResolvesToADefinition()
    {
        // The reader resolves neither dangling references nor those inside extensions (x-ms-notification-content).
        var swagger = CheckedInConnector.ApiDefinition();
        var definitions = swagger.GetProperty("definitions");
        var references = Reference().Matches(File.ReadAllText(CheckedInConnector.ApiDefinitionPath)).Select(m => m.Groups["ref"].Value).Distinct().ToList();

        Assert.NotEmpty(references);
        foreach (string reference in references)
        {
            string[] parts = reference.Split('/');
            Assert.True(parts is ["#", "definitions", _], $"{reference} is not a local definition");
            Assert.True(definitions.TryGetProperty(parts[2], out _), $"{reference} does not resolve");
        }
        // And no definition is left over (the request families are merged into one body).
        Assert.Equal(definitions.EnumerateObject().Select(d => "#/definitions/" + d.Name).Order(), references.Order());
    }

    [Fact]
    public void ApiDefinition_Operations_AreTheOpenApiDocumentsWithUniqueIdsSummariesAndVisibility()
    {
        var operations = CheckedInConnector.Operations();
        var documented = CheckedInOpenApi.Json().GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => (p.Name.TrimStart('/'), m.Name, m.Value.GetProperty("operationId").GetString())));

        Assert.Equal(documented.Order(), operations.Select(o => (o.Path, o.Method, o.Operation.GetProperty("operationId").GetString())).Order());
        Assert.Equal(operations.Count, operations.Select(o => o.Operation.GetProperty("operationId").GetString()).Distinct().Count());
        foreach (var (path, method, operation) in operations)
        {
            string id = operation.GetProperty("operationId").GetString()!;
            Assert.Matches("^[A-Za-z][A-Za-z0-9]*$", id);
            string summary = operation.GetProperty("summary").GetString()!;
            Assert.True(summary.Length is > 0 and <= 80 && !summary.EndsWith('.'), $"{id}: summary '{summary}'");
            Assert.Contains(operation.GetProperty("x-ms-visibility").GetString(), new[] { "important", "advanced", "internal" });
            Assert.False(operation.TryGetProperty("security", out _), $"{id} overrides the connection's key");
            foreach (var parameter in operation.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray() : default)
            {
                Assert.True(parameter.TryGetProperty("x-ms-summary", out _), $"{method} {path}: parameter {parameter.GetProperty("name")} has no x-ms-summary");
            }
        }
        var byId = operations.ToDictionary(o => o.Operation.GetProperty("operationId").GetString()!, o => o.Operation);
        Assert.Equal("important", byId[GenerationsEndpointRouteBuilderExtensions.StartName].GetProperty("x-ms-visibility").GetString());
        Assert.Equal("internal", byId[GenerationsEndpointRouteBuilderExtensions.UnsubscribeName].GetProperty("x-ms-visibility").GetString());
    }

    [Fact]
    public void ApiDefinition_StartGeneration_IsAnAsyncActionThatOutputsTheFinalStatus()
    {
        var swagger = CheckedInConnector.ApiDefinition();
        var start = swagger.GetProperty("paths").GetProperty("/api/generations").GetProperty("post");
        var status = swagger.GetProperty("paths").GetProperty("/api/generations/{id}").GetProperty("get");

        // The platform follows a 202 with Location (and Retry-After) to a final answer: the action's output.
        var accepted = start.GetProperty("responses").GetProperty("202");
        Assert.Equal(["Location", "Retry-After"], accepted.GetProperty("headers").EnumerateObject().Select(h => h.Name).Order());
        Assert.False(accepted.TryGetProperty("schema", out _), "the 202 body would be offered as the action's output");
        Assert.Equal(status.GetProperty("responses").GetProperty("200").GetProperty("schema").GetRawText(),
            start.GetProperty("responses").GetProperty("200").GetProperty("schema").GetRawText());
        Assert.Equal("#/definitions/GenerationSucceededResponse",
            start.GetProperty("responses").GetProperty("200").GetProperty("schema").GetProperty("$ref").GetString());
        // A failed generation's problem answers stay on the status read the action polls.
        Assert.Contains("502", status.GetProperty("responses").EnumerateObject().Select(r => r.Name));

        var body = Assert.Single(start.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("in").GetString() == "body");
        var request = swagger.GetProperty("definitions").GetProperty(body.GetProperty("schema").GetProperty("$ref").GetString()!.Split('/')[^1]);
        Assert.Equal("object", request.GetProperty("type").GetString());
        Assert.Equal(["endpoint", "model"], request.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Order());
        Assert.Equal(RunwayRelay.Runway.RunwayEndpoints.All.Order(), request.GetProperty("properties").GetProperty("endpoint").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.Equal("advanced", request.GetProperty("properties").GetProperty("callbackUrl").GetProperty("x-ms-visibility").GetString());
        Assert.Equal("Prompt Text", request.GetProperty("properties").GetProperty("promptText").GetProperty("x-ms-summary").GetString());
        // Each merged field says which endpoints take it, and a per-endpoint value list which value goes with which.
        Assert.StartsWith("Only for `video_to_video`, `video_upscale`.", request.GetProperty("properties").GetProperty("videoUri").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("`video_upscale`: magnific_video_upscaler_creative", request.GetProperty("properties").GetProperty("model").GetProperty("description").GetString(), StringComparison.Ordinal);
        var idempotency = Assert.Single(start.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.Equal("advanced", idempotency.GetProperty("x-ms-visibility").GetString());
    }

    [Fact]
    public void ApiDefinition_SubscribeGeneration_IsAWebhookTriggerUnsubscribedByDeleteOnItsLocation()
    {
        var swagger = CheckedInConnector.ApiDefinition();
        var path = swagger.GetProperty("paths").GetProperty("/api/generations/subscribe");
        var trigger = path.GetProperty("post");

        Assert.Equal("single", trigger.GetProperty("x-ms-trigger").GetString());
        Assert.Equal("important", trigger.GetProperty("x-ms-visibility").GetString());
        // The platform stores the 201's Location and DELETEs it to unsubscribe: the status URL, whose DELETE cancels.
        var created = trigger.GetProperty("responses").GetProperty("201");
        Assert.True(created.GetProperty("headers").TryGetProperty("Location", out _));
        Assert.False(trigger.GetProperty("responses").TryGetProperty("202", out _));
        var delete = swagger.GetProperty("paths").GetProperty("/api/generations/{id}").GetProperty("delete");
        Assert.Equal(GenerationsEndpointRouteBuilderExtensions.CancelName, delete.GetProperty("operationId").GetString());

        var body = Assert.Single(trigger.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("in").GetString() == "body");
        string name = body.GetProperty("schema").GetProperty("$ref").GetString()!.Split('/')[^1];
        Assert.Equal(PowerPlatformConnector.SubscriptionSchema, name);
        var subscription = swagger.GetProperty("definitions").GetProperty(name);
        var callbackUrl = subscription.GetProperty("properties").GetProperty("callbackUrl");
        Assert.True(callbackUrl.GetProperty("x-ms-notification-url").GetBoolean());
        Assert.Equal("internal", callbackUrl.GetProperty("x-ms-visibility").GetString());
        Assert.Contains("callbackUrl", subscription.GetProperty("required").EnumerateArray().Select(r => r.GetString()));

        // What the callback receives: the final status body, described on the path as the format asks.
        var notification = path.GetProperty("x-ms-notification-content");
        Assert.Equal("#/definitions/GenerationSucceededResponse", notification.GetProperty("schema").GetProperty("$ref").GetString());
    }

    [Fact]
    public void ApiProperties_Connection_IsTheFunctionKeyAsApiKeyAndTheHostPolicy()
    {
        var properties = CheckedInConnector.ApiProperties().GetProperty("properties");
        var swagger = CheckedInConnector.ApiDefinition();

        var key = properties.GetProperty("connectionParameters").GetProperty(PowerPlatformConnector.ApiKeyParameter);
        Assert.Equal("securestring", key.GetProperty("type").GetString());
        Assert.Equal("true", key.GetProperty("uiDefinition").GetProperty("constraints").GetProperty("required").GetString());
        Assert.False(string.IsNullOrEmpty(key.GetProperty("uiDefinition").GetProperty("displayName").GetString()));
        var scheme = swagger.GetProperty("securityDefinitions").GetProperty(PowerPlatformConnector.ApiKeyParameter);
        Assert.Equal(("apiKey", "header", "x-functions-key"),
            (scheme.GetProperty("type").GetString(), scheme.GetProperty("in").GetString(), scheme.GetProperty("name").GetString()));
        Assert.Equal(PowerPlatformConnector.ApiKeyParameter, Assert.Single(Assert.Single(swagger.GetProperty("security").EnumerateArray()).EnumerateObject()).Name);

        // The swagger's host is a placeholder; the dynamichosturl policy puts the connection's host name in front.
        Assert.Equal(PowerPlatformConnector.PlaceholderHost, swagger.GetProperty("host").GetString());
        Assert.Equal(["https"], swagger.GetProperty("schemes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("string", properties.GetProperty("connectionParameters").GetProperty(PowerPlatformConnector.HostParameter).GetProperty("type").GetString());
        var policy = Assert.Single(properties.GetProperty("policyTemplateInstances").EnumerateArray());
        Assert.Equal("dynamichosturl", policy.GetProperty("templateId").GetString());
        Assert.Equal($"https://@connectionParameters('{PowerPlatformConnector.HostParameter}')",
            policy.GetProperty("parameters").GetProperty("x-ms-apimTemplateParameter.urlTemplate").GetString());

        Assert.Matches("^#[0-9a-fA-F]{6}$", properties.GetProperty("iconBrandColor").GetString());
        Assert.Equal(JsonValueKind.Array, properties.GetProperty("capabilities").ValueKind);
        Assert.False(string.IsNullOrEmpty(properties.GetProperty("publisher").GetString()));
        Assert.False(string.IsNullOrEmpty(properties.GetProperty("stackOwner").GetString()));
    }

    [Fact]
    public void Generate_OperationTheConnectorDoesNotKnow_IsCarriedOverWithDefaults()
    {
        // A route added later (usage, quote, health...) must land in the connector without an edit of the generator.
        var document = JsonNode.Parse(CheckedInOpenApi.Text())!.AsObject();
        document["paths"]!["/api/usage"] = JsonNode.Parse("""
            {"get": {"tags": ["Usage"], "summary": "Read this month's usage.", "operationId": "GetUsage",
              "parameters": [{"name": "month", "in": "query", "schema": {"type": "string"}}],
              "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"type": "object",
                "properties": {"creditsUsed": {"type": "integer", "format": "int64"}}}}}}}}}
            """);

        var files = PowerPlatformConnector.Generate(document.ToJsonString());
        var read = OpenApiDocument.Parse(files.ApiDefinition, OpenApiConstants.Json);

        Assert.Empty(read.Diagnostic?.Errors ?? []);
        Assert.Empty(read.Diagnostic?.Warnings ?? []);
        var usage = JsonNode.Parse(files.ApiDefinition)!["paths"]!["/api/usage"]!["get"]!;
        Assert.Equal("Read this month's usage", usage["summary"]!.GetValue<string>());
        Assert.Equal("advanced", usage["x-ms-visibility"]!.GetValue<string>());
        Assert.Equal("Month", usage["parameters"]![0]!["x-ms-summary"]!.GetValue<string>());
        Assert.Equal("advanced", usage["parameters"]![0]!["x-ms-visibility"]!.GetValue<string>());
        Assert.Equal("Credits Used", usage["responses"]!["200"]!["schema"]!["properties"]!["creditsUsed"]!["x-ms-summary"]!.GetValue<string>());
    }

    [Fact]
    public void Generate_LongSummaryOrNone_BecomesATitleWithinTheFormatsLimit()
    {
        var document = JsonNode.Parse(CheckedInOpenApi.Text())!.AsObject();
        string @long = "Redeliver the completion callback of a generation that has ended, signed again with the current secret, to its URL.";
        var path = JsonNode.Parse("""
            {"post": {"operationId": "RedeliverCallback", "responses": {"202": {"description": "Accepted"}}},
             "get": {"operationId": "GetCallbackDelivery", "responses": {"200": {"description": "OK"}}}}
            """)!;
        path["post"]!["summary"] = @long;
        document["paths"]!["/api/generations/{id}/redeliver"] = path;

        var paths = JsonNode.Parse(PowerPlatformConnector.Generate(document.ToJsonString()).ApiDefinition)!["paths"]!["/api/generations/{id}/redeliver"]!;

        string summary = paths["post"]!["summary"]!.GetValue<string>();
        Assert.True(summary.Length <= 80, summary);
        Assert.StartsWith("Redeliver the completion callback", summary, StringComparison.Ordinal);
        Assert.Equal("Get callback delivery", paths["get"]!["summary"]!.GetValue<string>());
    }

    [Fact]
    public void Generate_TriggerWithoutCreatedLocation_RefusesToWriteAConnectorThePlatformCannotUnsubscribe()
    {
        var document = JsonNode.Parse(CheckedInOpenApi.Text())!.AsObject();
        var responses = document["paths"]!["/api/generations/subscribe"]!["post"]!["responses"]!.AsObject();
        var created = responses["201"]!.DeepClone();
        responses.Remove("201");
        responses["202"] = created;

        var error = Assert.Throws<InvalidOperationException>(() => PowerPlatformConnector.Generate(document.ToJsonString()));
        Assert.Contains("201 with Location", error.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex("\"\\$ref\": \"(?<ref>[^\"]+)\"")]
    private static partial Regex Reference();
}
