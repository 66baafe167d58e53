using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using RunwayRelay.Generations;

namespace RunwayRelay.Http.OpenApi.PowerPlatform;

/// <summary>
/// The Power Platform custom connector (Power Automate, Logic Apps, Power Apps), generated from the OpenAPI document of
/// the HTTP API (<see cref="GenerationsOpenApi"/>): the same operations, as Swagger 2.0 (what the importer takes), with
/// the connector's titles and visibility, the start operation as an async action, the subscribe route as a webhook
/// trigger, and the function key as the connection's API key. An operation the connector does not know yet is carried
/// over with defaults, so a new route needs no edit here.
/// </summary>
public static partial class PowerPlatformConnector
{
    /// <summary>The swagger's host; the <c>dynamichosturl</c> policy replaces it with the connection's host name.</summary>
    public const string PlaceholderHost = "your-function-app.azurewebsites.net";

    /// <summary>The connector format's name for an API key connection parameter and its security definition.</summary>
    public const string ApiKeyParameter = "api_key";
    public const string HostParameter = "hostName";

    /// <summary>The header the Functions host reads a function key from (the DevHost takes it too).</summary>

    /// <summary>The trigger's body: the request with the platform's callback URL, hidden from makers.</summary>
    public const string SubscriptionSchema = "GenerationSubscription";

    public const string TriggerExtension = "x-ms-trigger";
    public const string NotificationContentExtension = "x-ms-notification-content";
    public const string NotificationUrlExtension = "x-ms-notification-url";

    /// <summary>Request fields most makers leave alone, behind "Show advanced options".</summary>
    private static readonly string[] AdvancedFields =
        [GenerationFields.Seed, GenerationFields.ContentModeration, GenerationFields.OutputBlobName, GenerationFields.CallbackUrl];

    private static readonly string[] ImportantFields = [GenerationFields.Endpoint, GenerationFields.Model, GenerationFields.PromptText];

    /// <summary>Both files from the OpenAPI document's JSON (<c>docs/openapi.json</c>, or what <c>/api/openapi.json</c> serves).</summary>
    public static PowerPlatformConnectorFiles Generate(string openApiDocument)
    {
        ArgumentException.ThrowIfNullOrEmpty(openApiDocument);
        var read = OpenApiDocument.Parse(openApiDocument, OpenApiConstants.Json);
        if (read.Document is not { } document || read.Diagnostic?.Errors is { Count: > 0 })
        {
            throw new InvalidOperationException("The OpenAPI document does not read: " +
                string.Join("; ", read.Diagnostic?.Errors.Select(e => e.Message) ?? []));
        }

        Describe(document);
        var schemas = document.Components!.Schemas!;
        var simplified = new HashSet<IOpenApiSchema>();
        foreach (var schema in schemas.Values.Concat(InlineSchemas(document)).ToList())
        {
            ConnectorSchemas.Simplify(schema, simplified);
        }
        if (schemas.TryGetValue(GenerationRequestSchemas.RequestName, out var request) && request is OpenApiSchema body)
        {
            SetFieldVisibility(body);
        }

        var operations = document.Paths.SelectMany(p => (p.Value.Operations ?? []).Select(o => (Path: p.Key, Item: p.Value, Method: o.Key, Operation: o.Value))).ToList();
        foreach (var (path, item, method, operation) in operations)
        {
            operation.OperationId ??= ConnectorNames.Title(method.Method.ToLowerInvariant() + " " + path).Replace(" ", "", StringComparison.Ordinal);
            var connector = ConnectorOperations.For(operation.OperationId, operation.Summary);
            Complete(operation, connector);
            switch (connector.Kind)
            {
                case ConnectorOperationKind.AsyncAction:
                    MakeAsync(operation, FinalAnswer(operations, connector));
                    break;
                case ConnectorOperationKind.WebhookTrigger:
                    MakeTrigger(document, (OpenApiPathItem)item, operation, FinalAnswer(operations, connector), operations, connector);
                    break;
            }
        }

        InlineHeaders(document);
        var titled = new HashSet<IOpenApiSchema>();
        foreach (var schema in schemas.Values.Concat(InlineSchemas(document)).ToList())
        {
            ConnectorSchemas.Title(schema, titled);
        }
        Prune(document);
        return new PowerPlatformConnectorFiles(Swagger(document), ConnectorProperties.Build());
    }

    private static void Describe(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = "RunwayRelay",
            Version = "1.0",
            Description = "Generate videos with Runway and store them in your Azure Blob Storage, through your RunwayRelay Functions app: " +
                "an action that waits for the stored video, and a trigger that runs a flow when it is ready.",
        };
        document.Servers = [new OpenApiServer { Url = "https://" + PlaceholderHost }];
        document.Components!.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
        {
            [ApiKeyParameter] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = FunctionKeys.HeaderName,
                Description = "A function key of the Functions app (the connection's API key).",
            },
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyParameter, document)] = [] }];
        document.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
        document.Extensions["x-ms-connector-metadata"] = new JsonNodeExtension(new JsonArray
        {
            new JsonObject { ["propertyName"] = "Categories", ["propertyValue"] = "AI;Content and Files" },
        });
    }

    private static void Complete(OpenApiOperation operation, ConnectorOperation connector)
    {
        operation.Summary = connector.Summary;
        operation.Description = connector.Description ?? operation.Description;
        // One connection, one key: the document-level requirement, not the document's per-operation alternatives.
        operation.Security = null;
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
        operation.Extensions[ConnectorSchemas.Visibility] = ConnectorSchemas.Extension(ConnectorSchemas.Name(connector.Visibility));
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            parameter.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
            parameter.Extensions.TryAdd(ConnectorSchemas.Summary, ConnectorSchemas.Extension(
                parameter.Name == "id" ? "Generation ID" : ConnectorNames.Title(parameter.Name!)));
            parameter.Extensions.TryAdd(ConnectorSchemas.Visibility, ConnectorSchemas.Extension(
                ConnectorSchemas.Name(parameter.Required ? ConnectorVisibility.Important : ConnectorVisibility.Advanced)));
        }
        if (operation.RequestBody is OpenApiRequestBody requestBody)
        {
            requestBody.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
            requestBody.Extensions.TryAdd(ConnectorSchemas.Summary, ConnectorSchemas.Extension("Request"));
        }
    }

    /// <summary>
    /// Power Automate and Logic Apps follow a 202 with <c>Location</c> on their own (the action's asynchronous pattern,
    /// on by default) until an answer that is not 202; the action outputs that final answer, so the connector describes
    /// the final 200 as this operation's output and the 202 by its headers only.
    /// </summary>
    private static void MakeAsync(OpenApiOperation operation, IOpenApiResponse final)
    {
        if (Value(operation.Responses, "202") is not OpenApiResponse accepted || accepted.Headers?.ContainsKey("Location") != true)
        {
            throw new InvalidOperationException($"{operation.OperationId} is an async action but declares no 202 with Location.");
        }
        accepted.Description = "Accepted: Power Automate and Logic Apps follow `Location` (honouring `Retry-After`) until the generation " +
            "has ended; the action's outputs are the final answer.";
        accepted.Content = null;
        var responses = operation.Responses!;
        responses["200"] = final;
        var ordered = new OpenApiResponses();
        foreach (var (status, response) in responses.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            ordered[status] = response;
        }
        operation.Responses = ordered;
    }

    /// <summary>
    /// The connector format's webhook trigger: <c>x-ms-trigger</c> on the subscribe, the platform's callback URL in the
    /// body field marked <c>x-ms-notification-url</c> (internal, required), a 201 with <c>Location</c>, a DELETE
    /// operation on that location (the platform's unsubscribe), and the notification body as <c>x-ms-notification-content</c>.
    /// </summary>
    private static void MakeTrigger(OpenApiDocument document, OpenApiPathItem item, OpenApiOperation operation, IOpenApiResponse notification,
        List<(string Path, IOpenApiPathItem Item, HttpMethod Method, OpenApiOperation Operation)> operations, ConnectorOperation connector)
    {
        if (Value(operation.Responses, "201") is not OpenApiResponse created || created.Headers?.ContainsKey("Location") != true)
        {
            throw new InvalidOperationException($"The trigger {operation.OperationId} must answer 201 with Location (the connector's unsubscribe DELETEs it).");
        }
        var final = operations.Single(o => o.Operation.OperationId == connector.FinalAnswerOf);
        if (!operations.Any(o => o.Path == final.Path && o.Method == HttpMethod.Delete))
        {
            throw new InvalidOperationException($"The trigger {operation.OperationId} answers Location {final.Path}, which has no DELETE to unsubscribe with.");
        }
        var media = Value(operation.RequestBody?.Content, "application/json");
        var requestSchema = media?.Schema switch
        {
            OpenApiSchemaReference reference => reference.Target as OpenApiSchema,
            OpenApiSchema inline => inline,
            _ => null,
        };
        if (media is null || requestSchema?.Properties is null || Value(requestSchema.Properties, GenerationFields.CallbackUrl) is not OpenApiSchema callbackUrl)
        {
            throw new InvalidOperationException($"The trigger {operation.OperationId} takes no JSON body with `{GenerationFields.CallbackUrl}`.");
        }

        var subscription = ConnectorSchemas.Copy(requestSchema);
        subscription.Properties = new Dictionary<string, IOpenApiSchema>(requestSchema.Properties, StringComparer.Ordinal);
        subscription.Required = new HashSet<string>(requestSchema.Required ?? new HashSet<string>(), StringComparer.Ordinal) { GenerationFields.CallbackUrl };
        subscription.Description = "The generation request; Power Automate or Logic Apps fill in the callback URL.";
        var notificationUrl = ConnectorSchemas.Copy(callbackUrl);
        notificationUrl.Description = "The trigger's callback URL; the platform fills it in.";
        notificationUrl.Extensions = new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
        ConnectorSchemas.Set(notificationUrl, NotificationUrlExtension, JsonValue.Create(true));
        ConnectorSchemas.Set(notificationUrl, ConnectorSchemas.Visibility, JsonValue.Create(ConnectorSchemas.Name(ConnectorVisibility.Internal)));
        ConnectorSchemas.Set(notificationUrl, ConnectorSchemas.Summary, JsonValue.Create("Callback URL"));
        subscription.Properties[GenerationFields.CallbackUrl] = notificationUrl;
        document.Components!.Schemas![SubscriptionSchema] = subscription;
        media.Schema = new OpenApiSchemaReference(SubscriptionSchema, document);
        ((OpenApiRequestBody)operation.RequestBody!).Description = "The generation to start when the flow is saved or turned on.";

        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
        operation.Extensions[TriggerExtension] = ConnectorSchemas.Extension("single");
        operation.Extensions["x-ms-trigger-hint"] = ConnectorSchemas.Extension(
            "Save the flow: that starts the generation; the flow runs once its video is stored.");
        string payload = (Value(notification.Content, "application/json")?.Schema as OpenApiSchemaReference)?.Reference.Id
            ?? throw new InvalidOperationException($"{connector.FinalAnswerOf}'s 200 answer has no JSON schema to describe the notification with.");
        item.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
        item.Extensions[NotificationContentExtension] = new JsonNodeExtension(new JsonObject
        {
            ["description"] = "What the callback receives: the body GET /api/generations/{id} answers once the generation has ended " +
                "(on a failure, the problem+json answer with errorCode instead).",
            ["schema"] = new JsonObject { ["$ref"] = "#/definitions/" + payload },
        });
    }

    private static IOpenApiResponse FinalAnswer(
        IEnumerable<(string Path, IOpenApiPathItem Item, HttpMethod Method, OpenApiOperation Operation)> operations, ConnectorOperation connector) =>
        Value(operations.SingleOrDefault(o => o.Operation.OperationId == connector.FinalAnswerOf).Operation?.Responses, "200")
            ?? throw new InvalidOperationException($"The operation {connector.FinalAnswerOf} with a 200 answer is missing from the document.");

    private static void SetFieldVisibility(OpenApiSchema request)
    {
        foreach (var (fields, visibility) in new[] { (ImportantFields, ConnectorVisibility.Important), (AdvancedFields, ConnectorVisibility.Advanced) })
        {
            foreach (string field in fields.Where(f => request.Properties?.ContainsKey(f) == true))
            {
                var property = ConnectorSchemas.Annotatable(request.Properties!, field);
                ConnectorSchemas.Set(property, ConnectorSchemas.Visibility, JsonValue.Create(ConnectorSchemas.Name(visibility)));
            }
        }
    }

    /// <summary>Swagger 2.0 has no shared headers: each answer gets its own copy of <c>Location</c> and <c>Retry-After</c>.</summary>
    private static void InlineHeaders(OpenApiDocument document)
    {
        var responses = document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .SelectMany(o => o.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>()).OfType<OpenApiResponse>().Distinct();
        foreach (var response in responses)
        {
            foreach (var (name, header) in (response.Headers ?? new Dictionary<string, IOpenApiHeader>()).ToList())
            {
                if (header is OpenApiHeaderReference { Target: OpenApiHeader target })
                {
                    response.Headers![name] = target.CreateShallowCopy();
                }
            }
        }
        document.Components!.Headers = null;
    }

    private static IEnumerable<IOpenApiSchema> InlineSchemas(OpenApiDocument document) =>
        document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()).SelectMany(o =>
            (o.RequestBody?.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>()).Select(m => m.Schema)
                .Concat((o.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>()).SelectMany(r => r.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>()).Select(m => m.Schema))
                .Concat((o.Parameters ?? []).Select(p => p.Schema)))
            .OfType<OpenApiSchema>();

    /// <summary>Drops the component schemas nothing refers to any more (the request families, merged into one).</summary>
    private static void Prune(OpenApiDocument document)
    {
        var schemas = document.Components!.Schemas!;
        while (true)
        {
            string json = Serialize(document, OpenApiSpecVersion.OpenApi3_1);
            var used = References().Matches(json).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
            var unused = schemas.Keys.Where(k => !used.Contains(k)).ToList();
            if (unused.Count == 0)
            {
                return;
            }
            foreach (string name in unused)
            {
                schemas.Remove(name);
            }
        }
    }

    private static T? Value<T>(IDictionary<string, T>? values, string key) where T : class =>
        values is not null && values.TryGetValue(key, out var value) ? value : null;

    private static string Swagger(OpenApiDocument document) => Serialize(document, OpenApiSpecVersion.OpenApi2_0) + "\n";

    private static string Serialize(OpenApiDocument document, OpenApiSpecVersion version)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        document.SerializeAs(version, new OpenApiJsonWriter(text));
        return text.ToString();
    }

    [GeneratedRegex("\"\\$ref\": \"#/(?:components/schemas|definitions)/(?<name>[^\"]+)\"")]
    private static partial Regex References();
}
