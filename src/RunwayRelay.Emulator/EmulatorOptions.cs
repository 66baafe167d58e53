namespace RunwayRelay.Emulator;

/// <summary>
/// Everything the emulator can be told, bound from the configuration section <c>Emulator</c>.
/// The instance is live: tests may change any value while the emulator runs (fault rates, outcomes, timings),
/// and the next request sees the change.
/// </summary>
public sealed class EmulatorOptions
{
    public const string SectionName = "Emulator";

    /// <summary>The only accepted <c>X-Runway-Version</c> header value.</summary>
    public string ApiVersion { get; set; } = "2024-11-06";

    /// <summary>Keys answered with 401 as "disabled": raw keys or their SHA-256 fingerprints (lowercase hex).</summary>
    public List<string> DisabledKeys { get; set; } = [];

    /// <summary>How long a new task stays PENDING before it may start (then THROTTLED if the model is at its limit).</summary>
    public TimeSpan QueueTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a task stays RUNNING before it ends (SUCCEEDED or FAILED).</summary>
    public TimeSpan GenerationTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Each task's generation time is drawn uniformly from <see cref="GenerationTime"/> ± this spread (seeded by
    /// <see cref="RandomSeed"/>), so a run of tasks has the spread of real ones. 0 = every task takes exactly GenerationTime.
    /// </summary>
    public TimeSpan GenerationTimeSpread { get; set; }

    /// <summary>
    /// How often a RUNNING task's reported progress changes (Runway: no more often than about every 5 s); multiplied by
    /// <see cref="TimeScale"/>. 0 = progress changes continuously.
    /// </summary>
    public TimeSpan ProgressUpdateInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How far reported progress strays from a straight line (0..1): each task gets a curve <c>x^g</c> with
    /// <c>g = e^(±noise)</c>, and each update an error of up to ±noise·4x(1−x) (±noise half-way, none at the ends);
    /// progress never goes down. 0 = linear.
    /// </summary>
    public double ProgressNoise { get; set; } = 0.1;

    /// <summary>Multiplies <see cref="QueueTime"/> and <see cref="GenerationTime"/>; 0.001 turns a minute into 60 ms.</summary>
    public double TimeScale { get; set; } = 1.0;

    /// <summary>
    /// Size in bytes of each video output. 0 (or anything below the generated MP4's own size) serves the bare MP4;
    /// larger sizes append a deterministic ISO-BMFF <c>free</c> box, streamed without being held in memory.
    /// </summary>
    public long OutputSizeBytes { get; set; }

    /// <summary>How long a signed output URL stays valid after the task was read.</summary>
    public TimeSpan OutputUrlLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>HMAC key for output URLs; a random one is made at start when empty.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Base URL written into output URLs; when empty the URL the request came in on is used.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Credits the organization starts with (and gets back on reset).</summary>
    public long InitialCreditBalance { get; set; } = 100_000;

    /// <summary>Status code for "not enough credits" on create: 400 or 402 (Runway has answered both).</summary>
    public int InsufficientCreditsStatusCode { get; set; } = 400;

    /// <summary>Reported as <c>tier.maxMonthlyCreditSpend</c>.</summary>
    public long MaxMonthlyCreditSpend { get; set; } = 1_000_000;

    /// <summary>Concurrency limit of every model without an entry in <see cref="Models"/>.</summary>
    public int DefaultMaxConcurrentGenerations { get; set; } = 2;

    /// <summary>Daily (rolling 24 h) generation limit of every model without an entry in <see cref="Models"/>.</summary>
    public int DefaultMaxDailyGenerations { get; set; } = 200;

    /// <summary>Per-model tier limits, keyed by model id (e.g. <c>gen4.5</c>).</summary>
    public Dictionary<string, ModelLimitOptions> Models { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How tasks end when the prompt carries no magic marker.</summary>
    public OutcomeOptions Outcomes { get; set; } = new();

    /// <summary>Injected faults per route kind.</summary>
    public FaultOptions Faults { get; set; } = new();

    /// <summary>Seed of the random source behind every rate, so a run is repeatable.</summary>
    public int RandomSeed { get; set; } = 20241106;

    /// <summary>How long a <c>runway://</c> upload URI stays usable after its upload slot was created; multiplied by <see cref="TimeScale"/>.</summary>
    public TimeSpan UploadLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long the presigned upload URL (its policy) accepts the file after <c>POST /v1/uploads</c>; not scaled.</summary>
    public TimeSpan UploadUrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Smallest file the upload target accepts (Runway: 512 B).</summary>
    public long MinUploadBytes { get; set; } = 512;

    /// <summary>Largest file the upload target accepts (Runway: 200 MB, i.e. 200 MiB).</summary>
    public long MaxUploadBytes { get; set; } = 200L * 1024 * 1024;

    internal ModelLimitOptions LimitsFor(string model) =>
        Models.TryGetValue(model, out var limits)
            ? limits
            : new ModelLimitOptions
            {
                MaxConcurrentGenerations = DefaultMaxConcurrentGenerations,
                MaxDailyGenerations = DefaultMaxDailyGenerations,
            };

    /// <summary>Takes every value of <paramref name="other"/> except the signing key (URLs already handed out stay valid).</summary>
    internal void CopyFrom(EmulatorOptions other)
    {
        ApiVersion = other.ApiVersion;
        DisabledKeys = other.DisabledKeys;
        QueueTime = other.QueueTime;
        GenerationTime = other.GenerationTime;
        TimeScale = other.TimeScale;
        GenerationTimeSpread = other.GenerationTimeSpread;
        ProgressUpdateInterval = other.ProgressUpdateInterval;
        ProgressNoise = other.ProgressNoise;
        OutputSizeBytes = other.OutputSizeBytes;
        OutputUrlLifetime = other.OutputUrlLifetime;
        PublicBaseUrl = other.PublicBaseUrl;
        InitialCreditBalance = other.InitialCreditBalance;
        InsufficientCreditsStatusCode = other.InsufficientCreditsStatusCode;
        MaxMonthlyCreditSpend = other.MaxMonthlyCreditSpend;
        DefaultMaxConcurrentGenerations = other.DefaultMaxConcurrentGenerations;
        DefaultMaxDailyGenerations = other.DefaultMaxDailyGenerations;
        Models = other.Models;
        Outcomes = other.Outcomes;
        Faults = other.Faults;
        RandomSeed = other.RandomSeed;
        UploadLifetime = other.UploadLifetime;
        UploadUrlLifetime = other.UploadUrlLifetime;
        MinUploadBytes = other.MinUploadBytes;
        MaxUploadBytes = other.MaxUploadBytes;
    }

    internal TimeSpan Scaled(TimeSpan span) => TimeSpan.FromTicks((long)(span.Ticks * TimeScale));
}
