using System.Net;
using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

/// <summary>What went wrong, so callers can branch without parsing messages.</summary>
public enum RunwayErrorKind
{
    /// <summary>400: Runway rejected the request (or our validation did, before any call).</summary>
    InvalidRequest,
    /// <summary>401: missing, invalid or disabled key.</summary>
    Unauthorized,
    /// <summary>402, or a 400 that says so: the organization has no API credits left.</summary>
    InsufficientCredits,
    NotFound,
    /// <summary>429: too many requests or the daily generation quota.</summary>
    RateLimited,
    /// <summary>5xx.</summary>
    ServerError,
    /// <summary>429 on a create whose text says the model's daily generation limit is reached: asking again soon cannot help.</summary>
    DailyLimitReached,
    /// <summary>No answer: connection refused or dropped, or the attempt timed out.</summary>
    Network,
    Other,
}

/// <summary>One validation problem as Runway reports it in <c>issues</c> (also used by our own validation).</summary>
public sealed record RunwayIssue(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("path")] IReadOnlyList<string> Path,
    [property: JsonPropertyName("message")] string Message)
{
    /// <summary>Dotted field path, e.g. <c>promptImage.0.uri</c>.</summary>
    public string Field => string.Join('.', Path);
}

/// <summary>The one exception type of <see cref="RunwayClient"/>. Its message never contains the API key.</summary>
public class RunwayException : Exception
{
    public RunwayException(RunwayErrorKind kind, string message, HttpStatusCode? statusCode = null,
        string? runwayMessage = null, IReadOnlyList<RunwayIssue>? issues = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
        RunwayMessage = runwayMessage;
        Issues = issues ?? [];
    }

    public RunwayErrorKind Kind { get; }

    /// <summary>HTTP status Runway answered with; null when no answer arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Runway's own <c>error</c> text, as sent.</summary>
    public string? RunwayMessage { get; }

    public IReadOnlyList<RunwayIssue> Issues { get; }

    /// <summary>The wait Runway asked for (<c>Retry-After</c>), when it did.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>True when asking again later can succeed (429, 5xx, network).</summary>
    public bool IsTransient => Kind is RunwayErrorKind.RateLimited or RunwayErrorKind.ServerError or RunwayErrorKind.Network;
}
