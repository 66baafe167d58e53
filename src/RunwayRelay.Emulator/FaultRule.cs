namespace RunwayRelay.Emulator;

/// <summary>
/// Faults for one route kind. A <c>*Rate</c> (0..1) is rolled per request; a <c>*Next</c> count forces the fault on the
/// next N requests of the kind, counting down. Order of evaluation: slow, drop, 429, 5xx, truncate.
/// </summary>
public sealed class FaultRule
{
    public double SlowRate { get; set; }
    public int SlowNext { get; set; }
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(2);

    public double DropConnectionRate { get; set; }
    public int DropConnectionNext { get; set; }

    public double TooManyRequestsRate { get; set; }
    public int TooManyRequestsNext { get; set; }

    /// <summary>Sent as <c>Retry-After</c> (whole seconds, rounded up) and <c>retry-after-ms</c>.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    public double ServerErrorRate { get; set; }
    public int ServerErrorNext { get; set; }
    public int ServerErrorStatusCode { get; set; } = 500;

    /// <summary>Downloads only: send the headers and part of the body, then abort the connection.</summary>
    public double TruncateRate { get; set; }
    public int TruncateNext { get; set; }

    /// <summary>
    /// When true, a 5xx or a dropped connection happens after the request took effect (the task was created,
    /// charged or deleted) — the lost-response case a client must never answer with a second create.
    /// </summary>
    public bool AfterProcessing { get; set; }
}
