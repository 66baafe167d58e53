namespace RunwayRelay.DevHost;

/// <summary>Settings of the local runner (section <c>DevHost</c>); everything else uses the app's own settings names.</summary>
public sealed class DevHostOptions
{
    public const string SectionName = "DevHost";
    public const string UrlVariable = "DEVHOST_URL";
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>Durable task hub in <c>AzureWebJobsStorage</c>. Keep it across restarts: in-flight generations live there.</summary>
    public string TaskHub { get; set; } = "runwayrelaydev";

    /// <summary>Longest wait between durable queue polls when idle: short keeps a local run responsive.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many activities the durable backend runs at once. The backend's own default (10) queues a burst's Runway reads,
    /// copies and submissions behind each other; BENCHMARKS.md "Load" measures the two side by side.
    /// </summary>
    public int MaxConcurrentActivities { get; set; } = 100;

    /// <summary>How many orchestration work items the durable backend runs at once (the backend's own default).</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 100;

    /// <summary>
    /// How long a durable message taken by a process that then dies stays invisible before another run picks it up:
    /// the longest a generation waits after a crash. Live work renews its messages, so long copies are not repeated.
    /// </summary>
    public TimeSpan MessageVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where the DevHost keeps what it makes for itself (the callback signing secret): the repo's git-ignored <c>.local/</c> by default.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>How often the input container is scanned for uploads (the Functions app uses Event Grid); zero turns it off.</summary>
    public TimeSpan InboxScanInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many scans try to start an upload whose start fails before it gets its <c>.error.json</c> and is left alone
    /// (per blob version; a new upload of the same name is tried afresh).
    /// </summary>
    public int InboxMaxAttempts { get; set; } = 3;

    /// <summary>
    /// Lets <c>DEVHOST_URL</c> bind a non-loopback address (other machines can then reach the DevHost); every request must
    /// then carry <see cref="ApiKey"/>.
    /// </summary>
    public bool AllowRemote { get; set; }

    /// <summary>Required with <see cref="AllowRemote"/>: sent as the <c>x-functions-key</c> header or <c>?code=</c>; never logged.</summary>
    public string? ApiKey { get; set; }
}
