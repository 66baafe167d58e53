namespace RunwayRelay.Storage;

/// <summary>Where finished videos go (<c>Output__*</c> settings).</summary>
public sealed class OutputOptions
{
    public const string SectionName = "Output";

    /// <summary>Container receiving the videos (<c>Output__Container</c>).</summary>
    public string Container { get; set; } = "runway-videos";

    /// <summary>
    /// Container of the submission records that make a Runway submission happen at most once, and of the spend records
    /// (<c>spend/</c>, <see cref="DailySpendStore"/>) (<c>Output__SubmissionsContainer</c>); kept apart so the video container holds only videos.
    /// </summary>
    public string SubmissionsContainer { get; set; } = "runway-submissions";

    /// <summary>
    /// Private container (<c>Output__PayloadsContainer</c>) of what must stay out of durable state: each generation's
    /// request and callback URL (<c>requests/</c>, deleted when it ends) and the output name reservations (<c>names/</c>).
    /// </summary>
    public string PayloadsContainer { get; set; } = "runway-payloads";

    /// <summary>Block size of the streamed upload; memory stays near <see cref="UploadBlockSize"/> × <see cref="UploadConcurrency"/>.</summary>
    public int UploadBlockSize { get; set; } = 8 * 1024 * 1024;

    public int UploadConcurrency { get; set; } = 4;

    /// <summary>Timeout of one output download (a large video over a slow link takes a while).</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Longest wait for the next bytes (or the response headers) of an output download (<c>Output__DownloadStallTimeout</c>).
    /// The HTTP client's timeout stops at the headers of a streamed response, so without this a source that stops sending
    /// would hold the copy forever.
    /// </summary>
    public TimeSpan DownloadStallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Lifetime of the read-only link the status endpoint adds to each video when the storage can sign one
    /// (<c>Output__DownloadLinkLifetime</c>); zero turns the links off.
    /// </summary>
    public TimeSpan DownloadLinkLifetime { get; set; } = TimeSpan.FromHours(1);
}
