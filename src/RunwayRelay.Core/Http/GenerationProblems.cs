using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using RunwayRelay.Callbacks;
using RunwayRelay.Budget;
using RunwayRelay.Generations;
using RunwayRelay.Orchestration;

namespace RunwayRelay.Http;

/// <summary>
/// The <c>application/problem+json</c> answers. A finished-but-failed generation answers non-2xx, so a client that
/// follows <c>Location</c> (a Logic Apps HTTP action) fails instead of reporting success.
/// </summary>
public static class GenerationProblems
{
    /// <summary>The <c>errorCode</c> of <see cref="UsageUnavailable"/>; a generation's codes are <see cref="GenerationErrorCodes"/>.</summary>
    public const string UsageUnavailableCode = "RUNWAY_USAGE_UNAVAILABLE";

    /// <summary>
    /// HTTP status of a terminal failure: 409 when someone cancelled it, 504 when Runway did not finish in time, else
    /// what the error code maps to (<see cref="GenerationErrorCode.FailureStatusCode"/>; 502 without a code).
    /// </summary>
    public static int StatusCodeFor(GenerationPhase generationStatus, string? errorCode)
    {
        if (generationStatus == GenerationPhase.Cancelled || errorCode == GenerationErrorCodes.Terminated)
        {
            return StatusCodes.Status409Conflict;
        }
        if (generationStatus == GenerationPhase.TimedOut)
        {
            return StatusCodes.Status504GatewayTimeout;
        }
        return errorCode is null ? StatusCodes.Status502BadGateway : new GenerationErrorCode(errorCode).FailureStatusCode;
    }

    public static string TitleFor(GenerationPhase generationStatus) => generationStatus switch
    {
        GenerationPhase.Cancelled => "The generation was cancelled",
        GenerationPhase.TimedOut => "The generation timed out",
        _ => "The generation failed",
    };

    /// <summary>
    /// A terminal failure: carries the generation id, its status, the error code and Runway task id, and from
    /// <paramref name="outcome"/> the estimate, what Runway charged and when a limit that refused it resets.
    /// </summary>
    public static IResult Failure(string id, GenerationPhase generationStatus, string? errorCode, string message, string? runwayTaskId, Uri statusUrl,
        GenerationOutcome? outcome = null, CallbackDeliveryStatus? callback = null)
    {
        int status = StatusCodeFor(generationStatus, errorCode);
        var extensions = new Dictionary<string, object?>
        {
            ["id"] = id,
            ["generationStatus"] = generationStatus.ToString(),
            ["errorCode"] = errorCode,
            ["runwayTaskId"] = runwayTaskId,
        };
        if (outcome?.EstimatedCredits is { } estimate)
        {
            extensions["estimatedCredits"] = estimate;
        }
        if (outcome?.CreditsSpent is { } spent)
        {
            extensions["creditsSpent"] = spent;
        }
        if (outcome?.ResetsAt is { } resets)
        {
            extensions["resetsAt"] = resets;
        }
        if (callback is not null)
        {
            extensions["callback"] = callback;
        }
        return TypedResults.Problem(
            detail: message,
            instance: statusUrl.AbsolutePath,
            statusCode: status,
            title: TitleFor(generationStatus),
            extensions: extensions);
    }

    /// <summary>
    /// A spending guard refused a request at the door: 402, or 429 with <c>Retry-After</c> until the UTC day turns for
    /// the daily budget; with the estimate, the limit and what is left of it. Nothing was started.
    /// </summary>
    public static IResult BudgetRefused(BudgetRefused refused, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(refused);
        bool daily = refused.ErrorCode == GenerationErrorCodes.BudgetPerDayExceeded;
        var result = TypedResults.Problem(
            detail: refused.Message,
            statusCode: daily ? StatusCodes.Status429TooManyRequests : StatusCodes.Status402PaymentRequired,
            title: refused.ErrorCode switch
            {
                GenerationErrorCodes.BudgetPerDayExceeded => "The daily budget has no room for this generation",
                GenerationErrorCodes.BudgetPerGenerationExceeded => "The generation costs more than the per-generation budget",
                _ => "Not enough Runway API credits",
            },
            extensions: new Dictionary<string, object?>
            {
                ["errorCode"] = refused.ErrorCode,
                ["estimatedCredits"] = refused.EstimatedCredits,
                ["limitCredits"] = refused.LimitCredits,
                ["leftCredits"] = refused.LeftCredits,
                ["resetsAt"] = refused.RetryAt,
            });
        if (refused.RetryAt is not { } turns)
        {
            return result;
        }
        long seconds = Math.Max(1, (long)Math.Ceiling((turns - now).TotalSeconds));
        return result.WithHeaders(("Retry-After", seconds.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>409 from <c>POST /api/generations/{id}/callback/redeliver</c>: why there is nothing to redeliver now.</summary>
    public static IResult CannotRedeliver(string id, RedeliverErrorCode errorCode, string message) => TypedResults.Problem(
        detail: message,
        statusCode: StatusCodes.Status409Conflict,
        title: "The callback cannot be redelivered now",
        extensions: new Dictionary<string, object?> { ["id"] = id, ["errorCode"] = errorCode.ToErrorCode() });

    public static IResult Validation(ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var fields = errors.Fields.ToList();
        return TypedResults.ValidationProblem(
            errors.ToDictionary(),
            detail: $"{fields.Count} invalid field{(fields.Count == 1 ? "" : "s")}: {string.Join(", ", fields)}. Nothing was started.",
            title: "The generation request is invalid");
    }

    /// <summary>A 400 for a request whose headers, not its body, are at fault (GET and DELETE carry no body).</summary>
    public static IResult InvalidRequest(ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var fields = errors.Fields.ToList();
        return TypedResults.ValidationProblem(
            errors.ToDictionary(),
            detail: $"{fields.Count} invalid field{(fields.Count == 1 ? "" : "s")}: {string.Join(", ", fields)}.",
            title: "The request is invalid");
    }

    /// <summary>502: Runway's usage report could not be read.</summary>
    public static IResult UsageUnavailable(string message) => TypedResults.Problem(
        detail: message,
        statusCode: StatusCodes.Status502BadGateway,
        title: "Runway's usage report is unavailable",
        extensions: new Dictionary<string, object?> { ["errorCode"] = UsageUnavailableCode });

    public static IResult NotFound(string id) => TypedResults.Problem(
        detail: $"There is no generation '{id}'.",
        statusCode: StatusCodes.Status404NotFound,
        title: "Generation not found",
        extensions: new Dictionary<string, object?> { ["id"] = id });

    public static IResult TooLarge(long limit) => TypedResults.Problem(
        detail: $"The body is larger than {limit} bytes (Api__MaxRequestBodyBytes). Pass large media as https URLs instead of data URIs.",
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large",
        extensions: Errors(GenerationFields.Body, $"is larger than {limit} bytes"));

    public static IResult UnsupportedMediaType(string? contentType) => TypedResults.Problem(
        detail: $"The body must be JSON sent as 'Content-Type: application/json' (got '{contentType ?? "no Content-Type"}').",
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Unsupported media type",
        extensions: Errors(HeaderNames.ContentType, "must be application/json (or another +json type), UTF-8 if a charset is given"));

    public static IResult IdempotencyKeyReused(string id) => TypedResults.Problem(
        detail: "This Idempotency-Key was already used for a different request. Send a new key for a new generation, " +
                "or repeat the original request exactly to get its answer again.",
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "Idempotency-Key reused with a different request",
        extensions: new Dictionary<string, object?> { ["id"] = id });

    public static IResult CallbackUrlReused(string id) => TypedResults.Problem(
        detail: "This callbackUrl was already subscribed with a different request. A callback URL maps to one generation " +
                "forever: repeat the original subscribe exactly to get its answer again.",
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "callbackUrl already subscribed with a different request",
        extensions: new Dictionary<string, object?> { ["id"] = id });

    public static IResult OutputExists(string blobName) => TypedResults.Problem(
        detail: $"The output blob '{blobName}' already holds a video or is reserved by another generation in progress, and is never overwritten. Nothing was started.",
        statusCode: StatusCodes.Status409Conflict,
        title: "The output blob name is taken",
        extensions: new Dictionary<string, object?>
        {
            ["errors"] = new Dictionary<string, string[]>
            {
                [GenerationFields.OutputBlobName] = [$"'{blobName}' already holds a video or is reserved by another generation; choose another name, or leave outputBlobName out for a generated one"],
            },
        });

    /// <summary>An <c>errors</c> member as validation problems carry it, so every 4xx about the request names what to fix.</summary>
    private static Dictionary<string, object?> Errors(string field, string message) =>
        new() { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } };
}
