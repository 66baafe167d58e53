using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using RunwayRelay.Generations;

namespace RunwayRelay.Http.OpenApi;

/// <summary>
/// Completes the generated document with what endpoint metadata cannot carry without changing behaviour: the
/// <c>POST</c> body (read by hand, so no <c>[FromBody]</c> and no <c>.Accepts&lt;T&gt;()</c>, which would add a
/// content-type constraint and a bare 415 of routing's own), the <c>Location</c>/<c>Retry-After</c> headers, and the
/// problem+json answers with their members. Deterministic (no servers, no request data), so the checked-in copy can
/// be compared byte for byte.
/// </summary>
internal sealed class GenerationsDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "RunwayRelay HTTP API",
            Version = "1",
            Description = "Turns a prompt (and optionally an image or video) into a Runway generation stored in Azure Blob Storage. " +
                "The same API is served by the Functions app and the DevHost; on Functions in Azure every generations route needs " +
                "a function key (`?code=` or `x-functions-key`). Reference: docs/http-api.md.",
        };
        // The generator fills servers from the listening addresses; paths already carry /api and the host varies.
        document.Servers = [];

        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        var schemas = document.Components.Schemas;
        DescribeAnswers(schemas);
        foreach (var (name, schema) in GenerationRequestSchemas.Build())
        {
            schemas[name] = schema;
        }
        foreach (var (name, schema) in ProblemSchemas.Build())
        {
            schemas[name] = schema;
        }
        document.Components.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
        document.Components.Headers[LocationHeader] = new OpenApiHeader
        {
            Description = "The status URL of the generation (GET it to follow, DELETE it to cancel).",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri" },
        };
        document.Components.Headers[RetryAfterHeader] = new OpenApiHeader
        {
            Description = "Seconds to wait before the next status read (`Runway__PollInterval`, rounded up, at least 1).",
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
        };

        // Functions in Azure: a function key as header or query (the DevHost takes the same when remote access is on).
        // Locally none is needed, hence the empty alternative in each operation's requirements.
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[KeyHeaderScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = FunctionKeys.HeaderName,
            Description = "A function key (Functions in Azure), or `DevHost__ApiKey` on a DevHost with remote access.",
        };
        document.Components.SecuritySchemes[KeyQueryScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Query, Name = FunctionKeys.QueryName,
            Description = "The same key as a query parameter; it is carried over into `Location`, so a client following it keeps it.",
        };

        var operations = GenerationsOperations.Build();
        foreach (var path in document.Paths.Values)
        {
            foreach (var operation in path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            {
                Complete(operation, document, operations);
            }
        }
        return Task.CompletedTask;
    }

    private const string KeyHeaderScheme = "functionKeyHeader";
    private const string KeyQueryScheme = "functionKeyQuery";
    private const string LocationHeader = "Location";
    private const string RetryAfterHeader = "Retry-After";

    private static void Complete(OpenApiOperation operation, OpenApiDocument document, IReadOnlyDictionary<string, OperationDescription> operations)
    {
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(KeyHeaderScheme, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(KeyQueryScheme, document)] = [] },
            new OpenApiSecurityRequirement(),
        ];
        if (operation.OperationId is null || !operations.TryGetValue(operation.OperationId, out var described))
        {
            throw new InvalidOperationException($"The OpenAPI document has an operation '{operation.OperationId}' the transformer does not know.");
        }
        operation.Summary = described.Summary;
        operation.Description = described.Description;
        if (described.Parameters.Count > 0)
        {
            operation.Parameters ??= [];
            foreach (var parameter in described.Parameters)
            {
                operation.Parameters.Add(parameter);
            }
        }
        if (described.RequestBody is { } body)
        {
            operation.RequestBody = body(document);
        }
        if (described.HasGenerationId)
        {
            DescribeId(operation);
        }
        if (described.LocationStatus is { } location)
        {
            AddLocationHeaders(operation, location, document);
        }
        if (described.Problems.Count > 0)
        {
            AddProblems(operation, document, described.Problems);
        }
        if (described.BudgetRetryAfterStatus is { } retryAfter)
        {
            AddRetryAfter(operation, retryAfter);
        }
        described.Complete?.Invoke(document);
    }

    private static void AddRetryAfter(OpenApiOperation operation, int status)
    {
        var response = (OpenApiResponse)operation.Responses![status.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        response.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
        response.Headers[RetryAfterHeader] = new OpenApiHeader
        {
            Description = "Seconds until the next UTC day, when the daily budget turns.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
        };
    }

    /// <summary>The success bodies come from the response records; their <c>status</c> strings take these values.</summary>
    private static void DescribeAnswers(IDictionary<string, IOpenApiSchema> schemas)
    {
        string[] running = [nameof(GenerationPhase.Accepted), nameof(GenerationPhase.Submitted), nameof(GenerationPhase.Queued), nameof(GenerationPhase.Running), nameof(GenerationPhase.Copying)];
        string[] ended = [nameof(GenerationPhase.Succeeded), nameof(GenerationPhase.Failed), nameof(GenerationPhase.Cancelled), nameof(GenerationPhase.TimedOut)];
        SetStatus(schemas, nameof(GenerationAcceptedResponse), [nameof(GenerationPhase.Accepted)],
            "Always `Accepted`, also when the same `Idempotency-Key` names a generation that has finished: follow `Location`.");
        SetStatus(schemas, nameof(GenerationStatusResponse), running, "Where the generation is while it runs.");
        SetStatus(schemas, nameof(GenerationSucceededResponse), [nameof(GenerationPhase.Succeeded)], null);
        SetStatus(schemas, nameof(GenerationCancelResponse), [nameof(GenerationCancelStatus.Cancelling), nameof(GenerationCancelStatus.NotSubscribed), .. ended],
            "`Cancelling` (202 from DELETE, 200 from unsubscribe) while the cancel is carried out, `NotSubscribed` from an unsubscribe of an unknown callback URL, else the final status (200).");
        var progress = Property(schemas, nameof(GenerationStatusResponse), "progress");
        progress.Minimum = "0";
        progress.Maximum = "1";
        foreach (var (schema, property, description) in PropertyDescriptions)
        {
            Property(schemas, schema, property).Description = description;
        }
    }

    private static readonly (string Schema, string Property, string Description)[] PropertyDescriptions =
    [
        (nameof(GenerationStatusResponse), "progress", "Runway's progress from 0 to 1; null until Runway has reported it."),
        (nameof(GenerationStatusResponse), "runwayStatus", "Runway's task status (`PENDING`, `THROTTLED`, `RUNNING`, ...); null until Runway has reported it."),
        (nameof(GenerationStatusResponse), "queuedFor",
            "How long Runway held the task THROTTLED (the organization at its concurrency limit, not RunwayRelay), measured from the polls; null before the first poll."),
        (nameof(GenerationStatusResponse), "estimatedCredits", "The credits RunwayRelay estimated at acceptance (1 credit = US$0.01); null for a model without a rate."),
        (nameof(GenerationAcceptedResponse), "estimatedCredits", "The credits RunwayRelay estimates the generation costs (1 credit = US$0.01); null for a model without a rate."),
        (nameof(GenerationSucceededResponse), "creditsSpent", "The credits Runway reports as charged for the task (its `cost`); null when Runway did not say."),
        (nameof(StoredVideo), "downloadUrl", "A read-only SAS link made at read time when the storage has an account key; absent otherwise."),
    ];

    internal static void SetStatus(IDictionary<string, IOpenApiSchema> schemas, string schema, string[] values, string? description)
    {
        var properties = ((OpenApiSchema)schemas[schema]).Properties!;
        properties["status"] = OpenApiSchemas.OneOf(values, description);
    }

    private static OpenApiSchema Property(IDictionary<string, IOpenApiSchema> schemas, string schema, string property) =>
        (OpenApiSchema)((OpenApiSchema)schemas[schema]).Properties![property];

    private static void DescribeId(OpenApiOperation operation)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.Name == "id"))
        {
            parameter.Description = "The generation id (`g-...` from POST, `b-...` for blob uploads). Other characters than letters, digits, " +
                "`-` and `_`, or more than 100 of them, answer 404.";
        }
    }

    private static void AddLocationHeaders(OpenApiOperation operation, int status, OpenApiDocument document)
    {
        if (operation.Responses?.GetValueOrDefault(status.ToString(System.Globalization.CultureInfo.InvariantCulture)) is not OpenApiResponse response)
        {
            throw new InvalidOperationException($"{operation.OperationId} declares no {status} answer to add headers to.");
        }
        response.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
        response.Headers[LocationHeader] = new OpenApiHeaderReference(LocationHeader, document);
        response.Headers[RetryAfterHeader] = new OpenApiHeaderReference(RetryAfterHeader, document);
    }

    private static void AddProblems(OpenApiOperation operation, OpenApiDocument document, IEnumerable<ProblemAnswer> problems)
    {
        operation.Responses ??= [];
        foreach (var (status, schema, description) in problems)
        {
            operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(schema, document) },
                },
            };
        }
    }
}
