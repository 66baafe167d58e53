using Microsoft.OpenApi;
using RunwayRelay.Callbacks;
using RunwayRelay.Generations;
using RunwayRelay.Orchestration;
using static RunwayRelay.Http.OpenApi.OpenApiSchemas;

namespace RunwayRelay.Http.OpenApi;

/// <summary>
/// The <c>application/problem+json</c> answers as <see cref="GenerationProblems"/> writes them (RFC 9457 members plus
/// <c>traceId</c> and the extras below), and the <c>errorCode</c> values of a failed generation.
/// </summary>
internal static class ProblemSchemas
{
    public const string Validation = "ValidationProblem";
    public const string Request = "RequestProblem";
    public const string IdempotencyKeyReused = "IdempotencyKeyReusedProblem";
    public const string NotFound = "GenerationNotFoundProblem";
    public const string Failure = "GenerationFailureProblem";
    public const string CannotRedeliver = "CallbackRedeliverProblem";
    public const string Budget = "BudgetProblem";
    public const string Upstream = "UpstreamProblem";

    /// <summary>Codes RunwayRelay sets; Runway's own failure codes (e.g. <c>SAFETY.INPUT.TEXT</c>) pass through, so the set stays open.</summary>
    public static IReadOnlyList<string> KnownErrorCodes { get; } =
    [
        GenerationErrorCodes.Cancelled, GenerationErrorCodes.RunwayTaskCancelled, GenerationErrorCodes.Terminated,
        GenerationErrorCodes.TimedOut, GenerationErrorCodes.InvalidRequest, GenerationErrorCodes.ApiKeyUnavailable,
        GenerationErrorCodes.CopyFailed, GenerationErrorCodes.OrchestrationFailed, GenerationErrorCodes.NoOutcome,
        GenerationErrorCodes.SubmissionUncertain, GenerationErrorCodes.SubmissionError, GenerationErrorCodes.PayloadMissing,
        GenerationErrorCodes.UploadGone, GenerationErrorCodes.Unauthorized, GenerationErrorCodes.InsufficientCredits,
        GenerationErrorCodes.RateLimited, GenerationErrorCodes.RunwayError, GenerationErrorCodes.RunwayTaskFailed,
        GenerationErrorCodes.RunwayTaskNotFound, GenerationErrorCodes.BudgetPerGenerationExceeded, GenerationErrorCodes.BudgetPerDayExceeded,
        GenerationErrorCodes.DailyLimitReached, GenerationProblems.UsageUnavailableCode,
    ];

    public static IEnumerable<(string Name, IOpenApiSchema Schema)> Build()
    {
        var errors = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Field paths (`promptImage.0.uri`), `$` for the body as a whole, or a header name (`Idempotency-Key`, " +
                "`Host`, `Content-Type`), each with its problems.",
            AdditionalProperties = ArrayOf(Text(), 1, null),
        };
        yield return (Validation, Problem("400: every invalid field or header at once.", [("errors", errors)], "errors"));
        yield return (Request, Problem("409, 413, 415: what is wrong with the request, under `errors`.", [("errors", errors)], "errors"));
        yield return (IdempotencyKeyReused, Problem("422: the key names an existing generation with a different request.",
            [("id", Text("The generation the key already names."))], "id"));
        yield return (NotFound, Problem("404: no such generation.", [("id", Text("The id that was asked for."))], "id"));
        yield return (Failure, Problem(
            "A generation that ended without success; the HTTP status follows from `generationStatus` and `errorCode`.",
            [
                ("id", Text("The generation id.")),
                ("generationStatus", OneOf([nameof(GenerationPhase.Failed), nameof(GenerationPhase.Cancelled), nameof(GenerationPhase.TimedOut)])),
                ("errorCode", new OpenApiSchema
                {
                    Type = JsonSchemaType.String | JsonSchemaType.Null,
                    Description = "RunwayRelay's codes, or a failure code Runway reported (e.g. `SAFETY.INPUT.TEXT`, `INTERNAL.BAD_OUTPUT`). " +
                        "Known values: " + string.Join(", ", KnownErrorCodes.Select(c => $"`{c}`")) + ".",
                    Examples = [.. KnownErrorCodes.Select(c => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(c))],
                }),
                ("runwayTaskId", NullableText("The Runway task, or null when nothing was submitted.")),
                // Only in GET answers of generations with a callbackUrl (never in the body a subscription's callback gets).
                ("callback", new OpenApiSchemaReference(nameof(CallbackDeliveryStatus))),
                ("estimatedCredits", Integer("int64", 0, null, "The credits RunwayRelay estimated at acceptance; absent for a model without a rate.")),
                ("creditsSpent", Integer("int64", 0, null, "The credits Runway reports as charged for the task (0 once a failure is refunded); absent when Runway did not say.")),
                ("resetsAt", DateTime("When the limit that refused the generation frees up (`DAILY_LIMIT_REACHED`, `BUDGET_PER_DAY_EXCEEDED`).")),
            ],
            "id", "generationStatus", "errorCode", "runwayTaskId"));
        yield return (CannotRedeliver, Problem("409: there is nothing to redeliver now; `errorCode` says why.",
            [("id", Text("The generation id.")), ("errorCode", OneOf([.. RedeliverErrorCodes.All]))], "id", "errorCode"));
        yield return (Budget, Problem(
            "402 or 429: a spending guard refused the request before anything was submitted.",
            [
                ("errorCode", OneOf([GenerationErrorCodes.BudgetPerGenerationExceeded, GenerationErrorCodes.BudgetPerDayExceeded, GenerationErrorCodes.InsufficientCredits])),
                ("estimatedCredits", Integer("int64", 0, null, "The estimate of the request.")),
                ("limitCredits", Integer("int64", 0, null, "The limit: `Budget__MaxCreditsPerGeneration`, `Budget__MaxCreditsPerDay`, or the organization's credit balance.")),
                ("leftCredits", Integer("int64", 0, null, "What is left of the limit (today's room for the daily budget).")),
                ("resetsAt", DateTime("The next UTC midnight, for the daily budget; null otherwise.")),
            ],
            "errorCode", "estimatedCredits", "limitCredits", "leftCredits"));
        yield return (Upstream, Problem("502: Runway's answer was needed and could not be had.",
            [("errorCode", OneOf([GenerationProblems.UsageUnavailableCode]))], "errorCode"));
    }

    private static OpenApiSchema DateTime(string description) => new()
    {
        Type = JsonSchemaType.String | JsonSchemaType.Null,
        Format = "date-time",
        Description = description,
    };

    private static OpenApiSchema Problem(string description, (string Name, IOpenApiSchema Schema)[] extras, params string[] required)
    {
        (string, IOpenApiSchema)[] common =
        [
            ("type", Text("A URI naming the HTTP status (RFC 9110 section).")),
            ("title", Text()),
            ("status", Integer("int32", 400, 599)),
            ("detail", Text("What went wrong and what to do.")),
            ("instance", Text("The status URL path (failure answers only).")),
            ("traceId", Text()),
        ];
        var schema = Object(description, [.. common, .. extras], ["type", "title", "status", "detail", .. required]);
        // Problem details may grow members; clients must ignore the ones they do not know.
        schema.AdditionalPropertiesAllowed = true;
        return schema;
    }
}
