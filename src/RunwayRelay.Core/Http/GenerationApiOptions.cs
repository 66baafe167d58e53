using Microsoft.Extensions.Options;

namespace RunwayRelay.Http;

/// <summary>Limits of the HTTP API (<c>Api__*</c> settings).</summary>
public sealed class GenerationApiOptions
{
    public const string SectionName = "Api";

    /// <summary>
    /// Largest accepted <c>POST /api/generations</c> body. Data URIs are the big part: a video may be 16 MiB of
    /// base64 and each image 5 MiB, so 32 MiB leaves room for a video plus a couple of images and the JSON around them.
    /// </summary>
    public const long DefaultMaxRequestBodyBytes = 32L * 1024 * 1024;

    /// <summary>Larger bodies get 413 before they are read in full (<c>Api__MaxRequestBodyBytes</c>).</summary>
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>
    /// Where callers reach the API, e.g. <c>https://relay.example.com</c> behind a proxy or Front Door
    /// (<c>Api__PublicBaseUrl</c>): status and cancel URLs start with it instead of the request's Host. A string, so that
    /// a bad value gets one clear line from the validator rather than a binder exception.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The parsed <see cref="PublicBaseUrl"/>, or null when it is not set (or not valid, which start-up reports).</summary>
    internal Uri? PublicBase =>
        !string.IsNullOrWhiteSpace(PublicBaseUrl) && Uri.TryCreate(PublicBaseUrl.Trim(), UriKind.Absolute, out var url) ? url : null;
}

internal sealed class GenerationApiOptionsValidator : IValidateOptions<GenerationApiOptions>
{
    public ValidateOptionsResult Validate(string? name, GenerationApiOptions options)
    {
        var failures = new List<string>();
        if (options.MaxRequestBodyBytes is < 1024 or > 256L * 1024 * 1024)
        {
            failures.Add("Api__MaxRequestBodyBytes must be from 1024 to 268435456 (bytes), e.g. 33554432 for 32 MiB.");
        }
        if (PublicBaseUrlProblem(options.PublicBaseUrl) is { } problem)
        {
            failures.Add($"Api__PublicBaseUrl {problem}, e.g. https://relay.example.com or https://example.com/relay.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static string? PublicBaseUrlProblem(string? value)
    {
        if (value is null)
        {
            return null;
        }
        string trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            return "is empty; leave it unset to build URLs from each request, or set the absolute http(s) URL callers use";
        }
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || url.Host.Length == 0)
        {
            return "must be an absolute http(s) URL with a host";
        }
        if (trimmed.Contains('?', StringComparison.Ordinal) || trimmed.Contains('#', StringComparison.Ordinal))
        {
            return "must not have a query or fragment (status URLs add their own ?code= when the request had one)";
        }
        if (url.UserInfo.Length > 0)
        {
            return "must not carry user info";
        }
        return null;
    }
}
