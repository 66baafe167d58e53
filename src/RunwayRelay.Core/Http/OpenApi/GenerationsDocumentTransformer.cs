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
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "x-functions-key",
            Description = "A function key (Functions in Azure), or `DevHost__ApiKey` on a DevHost with remote access.",
        };
        document.Components.SecuritySchemes[KeyQueryScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Query, Name = "code",
            Description = "The same key as a query parameter; it is carried over into `Location`, so a client following it keeps it.",
        };

        foreach (var path in document.Paths.Values)
        {
            foreach (var operation in path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            {
                Complete(operation, document);
            }
        }
        return Task.CompletedTask;
    }

    private static readonly string[] HealthStates = ["healthy", "degraded", "unhealthy"];

    private const string KeyHeaderScheme = "functionKeyHeader";
    private const string KeyQueryScheme = "functionKeyQuery";
    private const string LocationHeader = "Location";
    private const string RetryAfterHeader = "Retry-After";

    private static void Complete(OpenApiOperation operation, OpenApiDocument document)
    {
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(KeyHeaderScheme, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(KeyQueryScheme, document)] = [] },
            new OpenApiSecurityRequirement(),
        ];
        switch (operation.OperationId)
        {
            case GenerationsEndpointRouteBuilderExtensions.StartName:
                operation.Summary = "Start a generation";
                operation.Description = "Validates the request and starts it once (per `Idempotency-Key`). Every problem is reported at once " +
                    "and nothing is started when there is any. `endpoint` picks the request family; the API infers it when it is left " +
                    "out (`image_to_video` with `promptImage`, else `text_to_video`), the document asks for it so that it discriminates.";
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = GenerationIds.IdempotencyKeyHeader,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "1 to 255 printable ASCII characters, sent once. The same key with the same request answers the same " +
                        "generation and never submits twice; with a different request it answers 422.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 255 },
                });
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "One JSON object (`application/json` or another `+json` type, UTF-8); at most `Api__MaxRequestBodyBytes` bytes.",
                    Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                    {
                        ["application/json"] = new() { Schema = new OpenApiSchemaReference(GenerationRequestSchemas.RequestName, document) },
                    },
                };
                AddLocationHeaders(operation, StatusCodes.Status202Accepted, document);
                AddProblems(operation, document,
                    (StatusCodes.Status400BadRequest, ProblemSchemas.Validation, "Invalid fields or headers (`errors` names each); nothing was started."),
                    (StatusCodes.Status409Conflict, ProblemSchemas.Request, "`outputBlobName` already holds a video or is reserved (`errors.outputBlobName`); nothing was started."),
                    (StatusCodes.Status413PayloadTooLarge, ProblemSchemas.Request, "The body is larger than `Api__MaxRequestBodyBytes` (`errors.$`)."),
                    (StatusCodes.Status415UnsupportedMediaType, ProblemSchemas.Request, "Not a JSON content type, or a charset other than UTF-8 (`errors.Content-Type`)."),
                    (StatusCodes.Status422UnprocessableEntity, ProblemSchemas.IdempotencyKeyReused, "The `Idempotency-Key` was already used with a different request; nothing was started."),
                    BudgetProblem402, BudgetProblem429);
                AddRetryAfter(operation, StatusCodes.Status429TooManyRequests, document);
                break;
            case GenerationsEndpointRouteBuilderExtensions.QuoteName:
                operation.Summary = "Quote a generation";
                operation.Description = "The same body as `POST /api/generations`, validated the same way. Answers the estimate in credits " +
                    "(1 credit = US$0.01, from RunwayRelay's rate table, dated by `ratesAsOf`) and whether the budgets and the credit " +
                    "balance would accept it now (`refusal`, the error code the start would answer). Submits and stores nothing.";
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "One JSON object as for `POST /api/generations`.",
                    Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                    {
                        ["application/json"] = new() { Schema = new OpenApiSchemaReference(GenerationRequestSchemas.RequestName, document) },
                    },
                };
                AddProblems(operation, document,
                    (StatusCodes.Status400BadRequest, ProblemSchemas.Validation, "Invalid fields or headers (`errors` names each)."),
                    (StatusCodes.Status413PayloadTooLarge, ProblemSchemas.Request, "The body is larger than `Api__MaxRequestBodyBytes` (`errors.$`)."),
                    (StatusCodes.Status415UnsupportedMediaType, ProblemSchemas.Request, "Not a JSON content type, or a charset other than UTF-8 (`errors.Content-Type`)."));
                break;
            case GenerationsEndpointRouteBuilderExtensions.UsageName:
                operation.Summary = "Credits used per day and model";
                operation.Description = "Runway's credits per UTC day and model (`POST /v1/organization/usage`; refunds are negative) side by side " +
                    "with what this service recorded submitting; `otherCredits` is the difference: spend from elsewhere in the organization, or refunds. " +
                    "Only days with any credits are listed.";
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = UsageApi.FromParameter, In = ParameterLocation.Query, Required = false,
                    Description = "First UTC day, `YYYY-MM-DD`; default 29 days before `to`.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" },
                });
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = UsageApi.ToParameter, In = ParameterLocation.Query, Required = false,
                    Description = "Last UTC day (included), `YYYY-MM-DD`; default today. At most 90 days from `from`, both included.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" },
                });
                AddProblems(operation, document,
                    (StatusCodes.Status400BadRequest, ProblemSchemas.Validation, "`from` or `to` is not a date, `from` is after `to`, or the range is longer than 90 days (`errors` names it)."),
                    (StatusCodes.Status502BadGateway, ProblemSchemas.Upstream, "Runway's usage report could not be read (`RUNWAY_USAGE_UNAVAILABLE`)."));
                break;
            case GenerationsEndpointRouteBuilderExtensions.StatusName:
                operation.Summary = "Read a generation's status";
                operation.Description = "202 while it is queued or running, 200 with the stored videos, and a non-2xx problem+json once it " +
                    "failed, was cancelled or timed out, so that a client following `Location` fails rather than succeeds.";
                DescribeId(operation);
                AddLocationHeaders(operation, StatusCodes.Status202Accepted, document);
                AddProblems(operation, document,
                    (StatusCodes.Status400BadRequest, ProblemSchemas.Validation, "No status URL can be built for the request's `Host` (`errors.Host`)."),
                    (StatusCodes.Status402PaymentRequired, ProblemSchemas.Failure, "Refused before submission by a budget or the credit balance (`BUDGET_PER_GENERATION_EXCEEDED`, `BUDGET_PER_DAY_EXCEEDED`, `RUNWAY_INSUFFICIENT_CREDITS`)."),
                    (StatusCodes.Status404NotFound, ProblemSchemas.NotFound, "There is no generation with this id."),
                    (StatusCodes.Status409Conflict, ProblemSchemas.Failure, "Cancelled (`CANCELLED`, `RUNWAY_TASK_CANCELLED`, `TERMINATED`)."),
                    (StatusCodes.Status422UnprocessableEntity, ProblemSchemas.Failure, "Runway refused the input (`RUNWAY_INVALID_REQUEST`, `SAFETY.*`, `ASSET.*`)."),
                    (StatusCodes.Status500InternalServerError, ProblemSchemas.Failure, "RunwayRelay's own failure (`API_KEY_UNAVAILABLE`, `COPY_FAILED`, `ORCHESTRATION_FAILED`, `NO_OUTCOME`)."),
                    (StatusCodes.Status502BadGateway, ProblemSchemas.Failure, "Runway failed the task or refused a call (any other code, e.g. `DAILY_LIMIT_REACHED` with `resetsAt`)."),
                    (StatusCodes.Status504GatewayTimeout, ProblemSchemas.Failure, "Runway did not finish within `Runway__Timeout` (`TIMED_OUT`)."));
                break;
            case GenerationsEndpointRouteBuilderExtensions.CancelName:
                operation.Summary = "Cancel a generation";
                operation.Description = "Asks a running generation to cancel, its Runway task too (202); a finished one answers 200 with its " +
                    "final status and is left as it is. Idempotent.";
                DescribeId(operation);
                AddLocationHeaders(operation, StatusCodes.Status202Accepted, document);
                AddProblems(operation, document,
                    (StatusCodes.Status400BadRequest, ProblemSchemas.Validation, "No status URL can be built for the request's `Host` (`errors.Host`)."),
                    (StatusCodes.Status404NotFound, ProblemSchemas.NotFound, "There is no generation with this id."));
                break;
            case GenerationsEndpointRouteBuilderExtensions.SubscribeName:
                operation.Summary = "Subscribe (Logic Apps HTTP Webhook action)";
                operation.Description = "The generation request with a required `callbackUrl` (`listCallbackUrl()`). The id is derived from the " +
                    "callback URL, so a retried subscribe answers the same generation and never submits twice. When the generation ends, " +
                    "the callback URL receives the body `GET /api/generations/{id}` answers then (the videos, or the problem+json failure). " +
                    "Answers 201 with `Location`, the status URL: DELETE on it cancels as unsubscribe does (the Power Platform connector's " +
                    "webhook trigger unsubscribes so).";
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "One JSON object as for `POST /api/generations`; `callbackUrl` is required here.",
                    Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                    {
                        ["application/json"] = new() { Schema = new OpenApiSchemaReference(GenerationRequestSchemas.RequestName, document) },
                    },
                };
                AddLocationHeaders(operation, StatusCodes.Status201Created, document);
                AddProblems(operation, document,
                    (StatusCodes.Status400BadRequest, ProblemSchemas.Validation, "Invalid fields or headers, or no `callbackUrl` (`errors` names each); nothing was started."),
                    (StatusCodes.Status409Conflict, ProblemSchemas.Request, "`outputBlobName` already holds a video or is reserved (`errors.outputBlobName`); nothing was started."),
                    (StatusCodes.Status413PayloadTooLarge, ProblemSchemas.Request, "The body is larger than `Api__MaxRequestBodyBytes` (`errors.$`)."),
                    (StatusCodes.Status415UnsupportedMediaType, ProblemSchemas.Request, "Not a JSON content type, or a charset other than UTF-8 (`errors.Content-Type`)."),
                    (StatusCodes.Status422UnprocessableEntity, ProblemSchemas.IdempotencyKeyReused, "The `callbackUrl` was already subscribed with a different request; nothing was started."),
                    BudgetProblem402, BudgetProblem429);
                AddRetryAfter(operation, StatusCodes.Status429TooManyRequests, document);
                break;
            case GenerationsEndpointRouteBuilderExtensions.UnsubscribeName:
                operation.Summary = "Unsubscribe (Logic Apps HTTP Webhook action)";
                operation.Description = "`{ \"callbackUrl\": ... }`, the URL the subscribe was given. Cancels its generation and Runway task as DELETE " +
                    "does (`Cancelling`); an ended generation answers its final status and an unknown URL `NotSubscribed`, all 200, so a run's clean-up never fails.";
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                    {
                        ["application/json"] = new()
                        {
                            Schema = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Object,
                                Required = new HashSet<string>(StringComparer.Ordinal) { GenerationFields.CallbackUrl },
                                Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
                                {
                                    [GenerationFields.CallbackUrl] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri" },
                                },
                            },
                        },
                    },
                };
                AddProblems(operation, document,
                    (StatusCodes.Status400BadRequest, ProblemSchemas.Validation, "No absolute `callbackUrl` in the body, or a bad `Host` (`errors` names it)."),
                    (StatusCodes.Status413PayloadTooLarge, ProblemSchemas.Request, "The body is larger than `Api__MaxRequestBodyBytes` (`errors.$`)."),
                    (StatusCodes.Status415UnsupportedMediaType, ProblemSchemas.Request, "Not a JSON content type (`errors.Content-Type`)."));
                break;
            case Health.HealthEndpointRouteBuilderExtensions.Name:
                operation.Summary = "Health of the service and what it depends on";
                operation.Description = "The Runway key's source and fingerprint (never the key), Key Vault (when configured), each storage " +
                    "container, Runway with the key (`GET /v1/organization`, which gives the credit balance) and any part other features add. " +
                    "200 when no part is unhealthy, else 503 with the failing parts in `failing`. The report is cached for `Health__CacheDuration`, " +
                    "so a load balancer's probes cost no Runway request each. On the DevHost it answers loopback callers only (403 otherwise).";
                SetStatus(document.Components!.Schemas!, nameof(Health.HealthResponse), HealthStates, "`unhealthy` (503) when any part is.");
                SetStatus(document.Components!.Schemas!, nameof(Health.HealthPartResponse), HealthStates, null);
                break;
            case GenerationsEndpointRouteBuilderExtensions.RedeliverName:
                operation.Summary = "Redeliver a generation's completion callback";
                operation.Description = "Sends the `generation.completed` event again, with the same `webhook-id`, on a fresh retry schedule " +
                    "(`Callbacks__RetryWindow`). Follow `callback` in the status answer (`Location`) to see it delivered.";
                DescribeId(operation);
                AddProblems(operation, document,
                    (StatusCodes.Status400BadRequest, ProblemSchemas.Validation, "No status URL can be built for the request's `Host` (`errors.Host`)."),
                    (StatusCodes.Status404NotFound, ProblemSchemas.NotFound, "There is no generation with this id."),
                    (StatusCodes.Status409Conflict, ProblemSchemas.CannotRedeliver,
                        "Not ended yet (`GENERATION_NOT_ENDED`), started without a callback (`NO_CALLBACK`), a delivery still going on " +
                        "(`CALLBACK_DELIVERY_IN_PROGRESS`), or the address no longer kept (`CALLBACK_ADDRESS_EXPIRED`)."));
                break;
            default:
                throw new InvalidOperationException($"The OpenAPI document has an operation '{operation.OperationId}' the transformer does not know.");
        }
    }

    private static readonly (int, string, string) BudgetProblem402 = (StatusCodes.Status402PaymentRequired, ProblemSchemas.Budget,
        "The estimate is over `Budget__MaxCreditsPerGeneration` (`BUDGET_PER_GENERATION_EXCEEDED`) or the organization's API credit balance (`RUNWAY_INSUFFICIENT_CREDITS`); nothing was started.");

    private static readonly (int, string, string) BudgetProblem429 = (StatusCodes.Status429TooManyRequests, ProblemSchemas.Budget,
        "Today's (UTC) `Budget__MaxCreditsPerDay` has no room for the estimate (`BUDGET_PER_DAY_EXCEEDED`); `Retry-After` says when the day turns. Nothing was started.");

    private static void AddRetryAfter(OpenApiOperation operation, int status, OpenApiDocument document)
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
        progress.Description = "Runway's progress from 0 to 1; null until Runway has reported it.";
        Property(schemas, nameof(GenerationStatusResponse), "runwayStatus").Description =
            "Runway's task status (`PENDING`, `THROTTLED`, `RUNNING`, ...); null until Runway has reported it.";
        Property(schemas, nameof(GenerationStatusResponse), "queuedFor").Description =
            "How long Runway held the task THROTTLED (the organization at its concurrency limit, not RunwayRelay), measured from the polls; null before the first poll.";
        Property(schemas, nameof(GenerationStatusResponse), "estimatedCredits").Description =
            "The credits RunwayRelay estimated at acceptance (1 credit = US$0.01); null for a model without a rate.";
        Property(schemas, nameof(GenerationAcceptedResponse), "estimatedCredits").Description =
            "The credits RunwayRelay estimates the generation costs (1 credit = US$0.01); null for a model without a rate.";
        Property(schemas, nameof(GenerationSucceededResponse), "creditsSpent").Description =
            "The credits Runway reports as charged for the task (its `cost`); null when Runway did not say.";
        Property(schemas, nameof(StoredVideo), "downloadUrl").Description =
            "A read-only SAS link made at read time when the storage has an account key; absent otherwise.";
    }

    private static void SetStatus(IDictionary<string, IOpenApiSchema> schemas, string schema, string[] values, string? description)
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

    private static void AddProblems(OpenApiOperation operation, OpenApiDocument document, params (int Status, string Schema, string Description)[] problems)
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
