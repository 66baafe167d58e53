using Microsoft.Extensions.Options;

namespace RunwayRelay.Runway;

/// <summary>One actionable line per bad setting, reported at start (<c>ValidateOnStart</c>).</summary>
internal sealed class RunwayOptionsValidator : IValidateOptions<RunwayOptions>
{
    public ValidateOptionsResult Validate(string? name, RunwayOptions options)
    {
        var failures = new List<string>();
        if (options.BaseUrlProblem is { } problem)
        {
            failures.Add($"{problem}: set it (or Runway__BaseUrl) to e.g. {RunwayOptions.DefaultBaseUrl}.");
        }
        if (options.BaseUrl is null || !options.BaseUrl.IsAbsoluteUri || options.BaseUrl.Scheme is not ("https" or "http"))
        {
            failures.Add($"Runway__BaseUrl must be an absolute http(s) URL such as {RunwayOptions.DefaultBaseUrl}.");
        }
        if (options.KeyVaultUri is { } vault && (!vault.IsAbsoluteUri || vault.Scheme != "https"))
        {
            failures.Add("Runway__KeyVaultUri must be the vault's https URL, e.g. https://<name>.vault.azure.net/.");
        }
        if (string.IsNullOrWhiteSpace(options.ApiKeySecretName) || options.ApiKeySecretName.Length > 127
            || !options.ApiKeySecretName.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            failures.Add("Runway__ApiKeySecretName must be a Key Vault secret name: 1-127 letters, digits and dashes.");
        }
        Positive(failures, options.ApiKeyCacheDuration, "ApiKeyCacheDuration");
        Positive(failures, options.PollInterval, "PollInterval");
        Positive(failures, options.MaxPollInterval, "MaxPollInterval");
        Positive(failures, options.Timeout, "Timeout");
        Positive(failures, options.RequestTimeout, "RequestTimeout");
        Positive(failures, options.TotalRequestTimeout, "TotalRequestTimeout");
        Positive(failures, options.RetryBaseDelay, "RetryBaseDelay");
        Positive(failures, options.MaxRetryDelay, "MaxRetryDelay");
        Positive(failures, options.UploadTimeout, "UploadTimeout");
        if (options.MaxPollInterval < options.PollInterval)
        {
            failures.Add("Runway__MaxPollInterval must not be shorter than Runway__PollInterval.");
        }
        if (options.Timeout > RunwayOptions.MaxTimeout)
        {
            // A generation's payload (request, callback URL) is kept at most a week; and Runway's outputs expire in a day or two.
            failures.Add($"Runway__Timeout must be at most {RunwayOptions.MaxTimeout:c}, such as 00:30:00.");
        }
        if (options.TotalRequestTimeout < options.RequestTimeout)
        {
            failures.Add("Runway__TotalRequestTimeout must not be shorter than Runway__RequestTimeout.");
        }
        if (options.MaxRetryAttempts is < 0 or > 10)
        {
            failures.Add("Runway__MaxRetryAttempts must be from 0 to 10.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"Runway__{name} must be a positive duration such as 00:00:05.");
        }
    }
}
