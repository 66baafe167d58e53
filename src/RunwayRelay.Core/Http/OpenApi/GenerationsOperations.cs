using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;
using RunwayRelay.Health;

namespace RunwayRelay.Http.OpenApi;

/// <summary>
/// Per operation id, what the document says beyond what endpoint metadata carries: one table, so a new route is one
/// entry and the answers the routes share are written once.
/// </summary>
internal static class GenerationsOperations
{
    private static readonly string[] HealthStates = ["healthy", "degraded", "unhealthy"];

    // Answers several routes give, in the same words.
    private static readonly ProblemAnswer TooLarge = new(StatusCodes.Status413PayloadTooLarge, ProblemSchemas.Request, "The body is larger than `Api__MaxRequestBodyBytes` (`errors.$`).");
    private static readonly ProblemAnswer NotUtf8Json = new(StatusCodes.Status415UnsupportedMediaType, ProblemSchemas.Request, "Not a JSON content type, or a charset other than UTF-8 (`errors.Content-Type`).");
    private static readonly ProblemAnswer BadHost = new(StatusCodes.Status400BadRequest, ProblemSchemas.Validation, "No status URL can be built for the request's `Host` (`errors.Host`).");
    private static readonly ProblemAnswer UnknownGeneration = new(StatusCodes.Status404NotFound, ProblemSchemas.NotFound, "There is no generation with this id.");

    public static IReadOnlyDictionary<string, OperationDescription> Build() => new Dictionary<string, OperationDescription>(StringComparer.Ordinal)
    {
        [GenerationsEndpointRouteBuilderExtensions.StartName] = Starting(
            "Start a generation",
            "Validates the request and starts it once (per `Idempotency-Key`). Every problem is reported at once " +
            "and nothing is started when there is any. `endpoint` picks the request family; the API infers it when it is left " +
            "out (`image_to_video` with `promptImage`, else `text_to_video`), the document asks for it so that it discriminates.",
            body: "One JSON object (`application/json` or another `+json` type, UTF-8); at most `Api__MaxRequestBodyBytes` bytes.",
            StatusCodes.Status202Accepted,
            invalid: "Invalid fields or headers (`errors` names each); nothing was started.",
            reused: "The `Idempotency-Key` was already used with a different request; nothing was started.") with
        {
            Parameters =
            [
                new OpenApiParameter
                {
                    Name = GenerationIds.IdempotencyKeyHeader,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "1 to 255 printable ASCII characters, sent once. The same key with the same request answers the same " +
                        "generation and never submits twice; with a different request it answers 422.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 255 },
                },
            ],
        },
        [GenerationsEndpointRouteBuilderExtensions.QuoteName] = new(
            "Quote a generation",
            "The same body as `POST /api/generations`, validated the same way. Answers the estimate in credits " +
            "(1 credit = US$0.01, from RunwayRelay's rate table, dated by `ratesAsOf`) and whether the budgets and the credit " +
            "balance would accept it now (`refusal`, the error code the start would answer). Submits and stores nothing.")
        {
            RequestBody = GenerationRequestBody("One JSON object as for `POST /api/generations`."),
            Problems =
            [
                new(StatusCodes.Status400BadRequest, ProblemSchemas.Validation, "Invalid fields or headers (`errors` names each)."),
                TooLarge, NotUtf8Json,
            ],
        },
        [GenerationsEndpointRouteBuilderExtensions.UsageName] = new(
            "Credits used per day and model",
            "Runway's credits per UTC day and model (`POST /v1/organization/usage`; refunds are negative) side by side " +
            "with what this service recorded submitting; `otherCredits` is the difference: spend from elsewhere in the organization, or refunds. " +
            "Only days with any credits are listed.")
        {
            Parameters =
            [
                DateParameter(UsageApi.FromParameter, "First UTC day, `YYYY-MM-DD`; default 29 days before `to`."),
                DateParameter(UsageApi.ToParameter, "Last UTC day (included), `YYYY-MM-DD`; default today. At most 90 days from `from`, both included."),
            ],
            Problems =
            [
                new(StatusCodes.Status400BadRequest, ProblemSchemas.Validation, "`from` or `to` is not a date, `from` is after `to`, or the range is longer than 90 days (`errors` names it)."),
                new(StatusCodes.Status502BadGateway, ProblemSchemas.Upstream, "Runway's usage report could not be read (`RUNWAY_USAGE_UNAVAILABLE`)."),
            ],
        },
        [GenerationsEndpointRouteBuilderExtensions.StatusName] = new(
            "Read a generation's status",
            "202 while it is queued or running, 200 with the stored videos, and a non-2xx problem+json once it " +
            "failed, was cancelled or timed out, so that a client following `Location` fails rather than succeeds.")
        {
            HasGenerationId = true,
            LocationStatus = StatusCodes.Status202Accepted,
            Problems =
            [
                BadHost,
                new(StatusCodes.Status402PaymentRequired, ProblemSchemas.Failure, "Refused before submission by a budget or the credit balance (`BUDGET_PER_GENERATION_EXCEEDED`, `BUDGET_PER_DAY_EXCEEDED`, `RUNWAY_INSUFFICIENT_CREDITS`)."),
                UnknownGeneration,
                new(StatusCodes.Status409Conflict, ProblemSchemas.Failure, "Cancelled (`CANCELLED`, `RUNWAY_TASK_CANCELLED`, `TERMINATED`)."),
                new(StatusCodes.Status422UnprocessableEntity, ProblemSchemas.Failure, "Runway refused the input (`RUNWAY_INVALID_REQUEST`, `SAFETY.*`, `ASSET.*`)."),
                new(StatusCodes.Status500InternalServerError, ProblemSchemas.Failure, "RunwayRelay's own failure (`API_KEY_UNAVAILABLE`, `COPY_FAILED`, `ORCHESTRATION_FAILED`, `NO_OUTCOME`)."),
                new(StatusCodes.Status502BadGateway, ProblemSchemas.Failure, "Runway failed the task or refused a call (any other code, e.g. `DAILY_LIMIT_REACHED` with `resetsAt`)."),
                new(StatusCodes.Status504GatewayTimeout, ProblemSchemas.Failure, "Runway did not finish within `Runway__Timeout` (`TIMED_OUT`)."),
            ],
        },
        [GenerationsEndpointRouteBuilderExtensions.CancelName] = new(
            "Cancel a generation",
            "Asks a running generation to cancel, its Runway task too (202); a finished one answers 200 with its " +
            "final status and is left as it is. Idempotent.")
        {
            HasGenerationId = true,
            LocationStatus = StatusCodes.Status202Accepted,
            Problems = [BadHost, UnknownGeneration],
        },
        [GenerationsEndpointRouteBuilderExtensions.SubscribeName] = Starting(
            "Subscribe (Logic Apps HTTP Webhook action)",
            "The generation request with a required `callbackUrl` (`listCallbackUrl()`). The id is derived from the " +
            "callback URL, so a retried subscribe answers the same generation and never submits twice. When the generation ends, " +
            "the callback URL receives the body `GET /api/generations/{id}` answers then (the videos, or the problem+json failure). " +
            "Answers 201 with `Location`, the status URL: DELETE on it cancels as unsubscribe does (the Power Platform connector's " +
            "webhook trigger unsubscribes so).",
            body: "One JSON object as for `POST /api/generations`; `callbackUrl` is required here.",
            StatusCodes.Status201Created,
            invalid: "Invalid fields or headers, or no `callbackUrl` (`errors` names each); nothing was started.",
            reused: "The `callbackUrl` was already subscribed with a different request; nothing was started."),
        [GenerationsEndpointRouteBuilderExtensions.UnsubscribeName] = new(
            "Unsubscribe (Logic Apps HTTP Webhook action)",
            "`{ \"callbackUrl\": ... }`, the URL the subscribe was given. Cancels its generation and Runway task as DELETE " +
            "does (`Cancelling`); an ended generation answers its final status and an unknown URL `NotSubscribed`, all 200, so a run's clean-up never fails.")
        {
            RequestBody = _ => JsonBody(new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string>(StringComparer.Ordinal) { GenerationFields.CallbackUrl },
                Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
                {
                    [GenerationFields.CallbackUrl] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri" },
                },
            }, description: null),
            Problems =
            [
                new(StatusCodes.Status400BadRequest, ProblemSchemas.Validation, "No absolute `callbackUrl` in the body, or a bad `Host` (`errors` names it)."),
                TooLarge,
                new(StatusCodes.Status415UnsupportedMediaType, ProblemSchemas.Request, "Not a JSON content type (`errors.Content-Type`)."),
            ],
        },
        [HealthEndpointRouteBuilderExtensions.Name] = new(
            "Health of the service and what it depends on",
            "The Runway key's source and fingerprint (never the key), Key Vault (when configured), each storage " +
            "container, Runway with the key (`GET /v1/organization`, which gives the credit balance) and any part other features add. " +
            "200 when no part is unhealthy, else 503 with the failing parts in `failing`. The report is cached for `Health__CacheDuration`, " +
            "so a load balancer's probes cost no Runway request each. On the DevHost it answers loopback callers only (403 otherwise).")
        {
            Complete = document =>
            {
                GenerationsDocumentTransformer.SetStatus(document.Components!.Schemas!, nameof(HealthResponse), HealthStates, "`unhealthy` (503) when any part is.");
                GenerationsDocumentTransformer.SetStatus(document.Components!.Schemas!, nameof(HealthPartResponse), HealthStates, null);
            },
        },
        [GenerationsEndpointRouteBuilderExtensions.RedeliverName] = new(
            "Redeliver a generation's completion callback",
            "Sends the `generation.completed` event again, with the same `webhook-id`, on a fresh retry schedule " +
            "(`Callbacks__RetryWindow`). Follow `callback` in the status answer (`Location`) to see it delivered.")
        {
            HasGenerationId = true,
            Problems =
            [
                BadHost, UnknownGeneration,
                new(StatusCodes.Status409Conflict, ProblemSchemas.CannotRedeliver,
                    "Not ended yet (`GENERATION_NOT_ENDED`), started without a callback (`NO_CALLBACK`), a delivery still going on " +
                    "(`CALLBACK_DELIVERY_IN_PROGRESS`), or the address no longer kept (`CALLBACK_ADDRESS_EXPIRED`)."),
            ],
        },
    };

    /// <summary>
    /// Start and subscribe both start a generation: the same body, refusals and budgets. They differ in what names the
    /// generation (the <c>Idempotency-Key</c> or the callback URL) and in the answer that carries <c>Location</c>.
    /// </summary>
    private static OperationDescription Starting(string summary, string description, string body, int locationStatus, string invalid, string reused) =>
        new(summary, description)
        {
            RequestBody = GenerationRequestBody(body),
            LocationStatus = locationStatus,
            Problems =
            [
                new(StatusCodes.Status400BadRequest, ProblemSchemas.Validation, invalid),
                new(StatusCodes.Status409Conflict, ProblemSchemas.Request,
                    "`outputBlobName` already holds a video or is reserved (`errors.outputBlobName`); nothing was started."),
                TooLarge, NotUtf8Json,
                new(StatusCodes.Status422UnprocessableEntity, ProblemSchemas.IdempotencyKeyReused, reused),
                new(StatusCodes.Status402PaymentRequired, ProblemSchemas.Budget,
                    "The estimate is over `Budget__MaxCreditsPerGeneration` (`BUDGET_PER_GENERATION_EXCEEDED`) or the organization's API credit balance (`RUNWAY_INSUFFICIENT_CREDITS`); nothing was started."),
                new(StatusCodes.Status429TooManyRequests, ProblemSchemas.Budget,
                    "Today's (UTC) `Budget__MaxCreditsPerDay` has no room for the estimate (`BUDGET_PER_DAY_EXCEEDED`); `Retry-After` says when the day turns. Nothing was started."),
            ],
            BudgetRetryAfterStatus = StatusCodes.Status429TooManyRequests,
        };

    /// <summary>The <c>POST</c> body every generation route reads by hand: the discriminated <see cref="GenerationRequestSchemas.RequestName"/>.</summary>
    private static Func<OpenApiDocument, OpenApiRequestBody> GenerationRequestBody(string description) =>
        document => JsonBody(new OpenApiSchemaReference(GenerationRequestSchemas.RequestName, document), description);

    private static OpenApiRequestBody JsonBody(IOpenApiSchema schema, string? description) => new()
    {
        Required = true,
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
        {
            ["application/json"] = new() { Schema = schema },
        },
    };

    private static OpenApiParameter DateParameter(string name, string description) => new()
    {
        Name = name, In = ParameterLocation.Query, Required = false, Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" },
    };
}
