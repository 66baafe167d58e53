using Microsoft.Extensions.Options;

namespace RunwayRelay.Http;

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
