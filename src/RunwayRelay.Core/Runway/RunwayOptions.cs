namespace RunwayRelay.Runway;

/// <summary>Settings bound from the <c>Runway</c> configuration section (<c>Runway__*</c> app settings).</summary>
public sealed class RunwayOptions
{
    public const string SectionName = "Runway";
    public const string DefaultBaseUrl = "https://api.dev.runwayml.com";
    public const string ApiVersion = "2024-11-06";

    /// <summary>Runway API base URL; <c>RUNWAYML_BASE_URL</c> is used when this is not set.</summary>
    public Uri BaseUrl { get; set; } = new(DefaultBaseUrl);

    /// <summary>Key Vault holding the API key; when null, <c>RUNWAYML_API_SECRET</c> is used.</summary>
    public Uri? KeyVaultUri { get; set; }

    public string ApiKeySecretName { get; set; } = "runwayml-api-secret";

    /// <summary>How long a key read from Key Vault is reused before it is read again.</summary>
    public TimeSpan ApiKeyCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Overall deadline of one generation, after which the Runway task is cancelled.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Timeout of one HTTP attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Timeout of one call including every retry and the waits between them.</summary>
    public TimeSpan TotalRequestTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Retries after the first attempt (reads always; creates only when Runway cannot have received them).</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First backoff delay; it doubles per retry, with jitter, unless Runway sends Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound of one wait between attempts, including one asked for by Retry-After / retry-after-ms.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Deadline of the file POST of one ephemeral upload (step 2, to Runway's presigned storage URL), retries included.
    /// Files reach 200 MiB, so it is longer than <see cref="TotalRequestTimeout"/>.
    /// </summary>
    public TimeSpan UploadTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Whether the HTTP API forwards a model its catalog does not know (a model newer than this release) with only the
    /// endpoint's shape rules checked; when false such a request is refused at the door naming <c>model</c>.
    /// </summary>
    public bool AllowUnknownModels { get; set; }

    /// <summary>Upper bound of <see cref="Timeout"/>: shorter than the 7 days the payload container's lifecycle rule keeps a request.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(2);

    /// <summary>Set when <c>RUNWAYML_BASE_URL</c> could not be used; reported by validation at start.</summary>
    internal string? BaseUrlProblem { get; set; }
}
