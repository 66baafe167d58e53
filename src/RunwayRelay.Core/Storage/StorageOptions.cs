using Microsoft.Extensions.Options;

namespace RunwayRelay.Storage;

/// <summary>Where finished videos go (<c>Output__*</c> settings).</summary>
public sealed class OutputOptions
{
    public const string SectionName = "Output";

    /// <summary>Container receiving the videos (<c>Output__Container</c>).</summary>
    public string Container { get; set; } = "runway-videos";

    /// <summary>
    /// Container of the submission records that make a Runway submission happen at most once
    /// (<c>Output__SubmissionsContainer</c>); kept apart so the video container holds only videos.
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

/// <summary>Where uploaded images start generations (<c>Input__*</c> settings).</summary>
public sealed class InputOptions
{
    public const string SectionName = "Input";

    public string Container { get; set; } = "runway-inbox";
}

internal sealed class StorageOptionsValidator : IValidateOptions<OutputOptions>, IValidateOptions<InputOptions>
{
    public ValidateOptionsResult Validate(string? name, OutputOptions options)
    {
        var failures = new List<string>();
        CheckContainer(failures, options.Container, "Output__Container");
        CheckContainer(failures, options.SubmissionsContainer, "Output__SubmissionsContainer");
        CheckContainer(failures, options.PayloadsContainer, "Output__PayloadsContainer");
        if (new[] { options.Container, options.SubmissionsContainer, options.PayloadsContainer }.Distinct(StringComparer.Ordinal).Count() < 3)
        {
            // Payloads hold callback tokens and SAS URLs: never beside the videos, whose readers get download links.
            failures.Add("Output__Container, Output__SubmissionsContainer and Output__PayloadsContainer must be three different containers.");
        }
        if (options.UploadBlockSize is < 1024 * 1024 or > 100 * 1024 * 1024)
        {
            failures.Add("Output__UploadBlockSize must be from 1 MiB to 100 MiB (in bytes), e.g. 8388608.");
        }
        if (options.UploadConcurrency is < 1 or > 32)
        {
            failures.Add("Output__UploadConcurrency must be from 1 to 32.");
        }
        if (options.DownloadTimeout <= TimeSpan.Zero)
        {
            failures.Add("Output__DownloadTimeout must be a positive duration such as 00:30:00.");
        }
        if (options.DownloadStallTimeout <= TimeSpan.Zero)
        {
            failures.Add("Output__DownloadStallTimeout must be a positive duration such as 00:01:00.");
        }
        if (options.DownloadLinkLifetime < TimeSpan.Zero || options.DownloadLinkLifetime > TimeSpan.FromDays(7))
        {
            failures.Add("Output__DownloadLinkLifetime must be between 00:00:00 (no links) and 7.00:00:00, such as 01:00:00.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, InputOptions options)
    {
        var failures = new List<string>();
        CheckContainer(failures, options.Container, "Input__Container");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Azure's container naming rule: 3-63 lowercase letters, digits and single dashes, starting with a letter or digit.</summary>
    internal static bool IsValidContainerName(string? name) =>
        name is { Length: >= 3 and <= 63 }
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && name[0] != '-' && name[^1] != '-' && !name.Contains("--", StringComparison.Ordinal);

    private static void CheckContainer(List<string> failures, string? value, string setting)
    {
        if (!IsValidContainerName(value))
        {
            failures.Add($"{setting} must be a blob container name: 3-63 lowercase letters, digits and single dashes (got '{value}').");
        }
    }
}
