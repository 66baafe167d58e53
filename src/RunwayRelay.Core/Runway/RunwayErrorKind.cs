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
