namespace RunwayRelay.Callbacks;

/// <summary>What one delivery attempt means for the next one.</summary>
public enum CallbackAttemptOutcome
{
    /// <summary>2xx: done.</summary>
    Delivered,

    /// <summary>No answer, 408, 429 or 5xx: try again later.</summary>
    Retry,

    /// <summary>410 Gone: the receiver asked never to be called again.</summary>
    Gone,

    /// <summary>Another 3xx or 4xx: retrying would get the same answer.</summary>
    Rejected,

    /// <summary>Not sent: no address kept, not signable, or the address is not allowed (SSRF guard).</summary>
    Refused,
}
