using System.ComponentModel;
using Microsoft.AspNetCore.Http;

namespace RunwayRelay.Orchestration;

/// <summary>
/// The error code of a generation that ended without its videos: one of RunwayRelay's (<see cref="GenerationErrorCodes"/>)
/// or Runway's failure code as Runway wrote it (<c>SAFETY.INPUT.TEXT</c>, <c>INTERNAL.BAD_OUTPUT</c>...). An open set:
/// any string converts, so codes Runway adds later pass through unchanged. JSON is the plain string.
/// </summary>
/// <remarks>
/// Compared ordinally, case included: Runway's codes are exact identifiers, and the durable records compared them so.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(ExtensibleEnumJsonConverter<GenerationErrorCode>))]
public readonly struct GenerationErrorCode : IExtensibleEnum<GenerationErrorCode>
{
    // Runway's failure-code families that mean the input itself must change (moderation, unusable assets).
    private const string SafetyPrefix = "SAFETY";
    private const string AssetPrefix = "ASSET";

    private readonly string _value;

    public GenerationErrorCode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    public static GenerationErrorCode ApiKeyUnavailable { get; } = new(GenerationErrorCodes.ApiKeyUnavailable);
    public static GenerationErrorCode SubmissionUncertain { get; } = new(GenerationErrorCodes.SubmissionUncertain);
    public static GenerationErrorCode SubmissionError { get; } = new(GenerationErrorCodes.SubmissionError);
    public static GenerationErrorCode PayloadMissing { get; } = new(GenerationErrorCodes.PayloadMissing);
    public static GenerationErrorCode UploadGone { get; } = new(GenerationErrorCodes.UploadGone);
    public static GenerationErrorCode InvalidRequest { get; } = new(GenerationErrorCodes.InvalidRequest);
    public static GenerationErrorCode Unauthorized { get; } = new(GenerationErrorCodes.Unauthorized);
    public static GenerationErrorCode InsufficientCredits { get; } = new(GenerationErrorCodes.InsufficientCredits);
    public static GenerationErrorCode RateLimited { get; } = new(GenerationErrorCodes.RateLimited);
    public static GenerationErrorCode RunwayError { get; } = new(GenerationErrorCodes.RunwayError);
    public static GenerationErrorCode RunwayTaskFailed { get; } = new(GenerationErrorCodes.RunwayTaskFailed);
    public static GenerationErrorCode RunwayTaskCancelled { get; } = new(GenerationErrorCodes.RunwayTaskCancelled);
    public static GenerationErrorCode RunwayTaskNotFound { get; } = new(GenerationErrorCodes.RunwayTaskNotFound);
    public static GenerationErrorCode CopyFailed { get; } = new(GenerationErrorCodes.CopyFailed);
    public static GenerationErrorCode TimedOut { get; } = new(GenerationErrorCodes.TimedOut);
    public static GenerationErrorCode Cancelled { get; } = new(GenerationErrorCodes.Cancelled);
    public static GenerationErrorCode BudgetPerGenerationExceeded { get; } = new(GenerationErrorCodes.BudgetPerGenerationExceeded);
    public static GenerationErrorCode BudgetPerDayExceeded { get; } = new(GenerationErrorCodes.BudgetPerDayExceeded);
    public static GenerationErrorCode DailyLimitReached { get; } = new(GenerationErrorCodes.DailyLimitReached);
    public static GenerationErrorCode OrchestrationFailed { get; } = new(GenerationErrorCodes.OrchestrationFailed);
    public static GenerationErrorCode Terminated { get; } = new(GenerationErrorCodes.Terminated);
    public static GenerationErrorCode NoOutcome { get; } = new(GenerationErrorCodes.NoOutcome);

    /// <summary>Runway refused the input or moderation rejected it: the request must change before it can succeed.</summary>
    public bool IsInputRejected =>
        this == InvalidRequest || Value.StartsWith(SafetyPrefix, StringComparison.Ordinal) || Value.StartsWith(AssetPrefix, StringComparison.Ordinal);

    /// <summary>Money stopped it: Runway's credits, or one of RunwayRelay's budgets.</summary>
    public bool IsSpendRefused => this == InsufficientCredits || this == BudgetPerGenerationExceeded || this == BudgetPerDayExceeded;

    /// <summary>RunwayRelay's own failure (the key, storage, the orchestration), not Runway's.</summary>
    public bool IsRelayFailure => this == ApiKeyUnavailable || this == CopyFailed || this == OrchestrationFailed || this == NoOutcome;

    /// <summary>
    /// The HTTP status a generation that failed with this code answers: 409 once an operator terminated it, 422 when the
    /// input must change, 402 for money, 500 for RunwayRelay's own failures, and 502 for everything else Runway reported.
    /// </summary>
    public int FailureStatusCode =>
        this == Terminated ? StatusCodes.Status409Conflict
        : IsInputRejected ? StatusCodes.Status422UnprocessableEntity
        : IsSpendRefused ? StatusCodes.Status402PaymentRequired
        : IsRelayFailure ? StatusCodes.Status500InternalServerError
        : StatusCodes.Status502BadGateway;

    private string Value => _value ?? "";

    public static bool operator ==(GenerationErrorCode left, GenerationErrorCode right) => left.Equals(right);

    public static bool operator !=(GenerationErrorCode left, GenerationErrorCode right) => !left.Equals(right);

    public static implicit operator GenerationErrorCode(string value) => new(value);

    static GenerationErrorCode IExtensibleEnum<GenerationErrorCode>.FromString(string value) => new(value);

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is GenerationErrorCode other && Equals(other);

    public bool Equals(GenerationErrorCode other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;
}
