using System.Net;

namespace RunwayRelay.Runway;

/// <summary>The one exception type of <see cref="RunwayClient"/>. Its message never contains the API key.</summary>
public sealed class RunwayException : Exception
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
