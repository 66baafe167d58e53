using Microsoft.Extensions.Options;

namespace RunwayRelay.Storage;

/// <summary>Checks the <c>Output__*</c> and <c>Input__*</c> settings at start, naming each invalid one.</summary>
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
