using Microsoft.Extensions.Options;

namespace RunwayRelay.Callbacks;

/// <summary>One actionable line per bad <c>Callbacks__*</c> setting; the secrets' values never appear in them.</summary>
internal sealed class CallbackOptionsValidator : IValidateOptions<CallbackOptions>
{
    /// <summary>The payloads container's lifecycle rule deletes the callback address after 7 days; a delivery must end first.</summary>
    public static readonly TimeSpan MaxRetryWindow = TimeSpan.FromDays(6);

    public ValidateOptionsResult Validate(string? name, CallbackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckSecret(failures, "Callbacks__SigningSecret", options.SigningSecret);
        CheckSecret(failures, "Callbacks__PreviousSigningSecret", options.PreviousSigningSecret);
        if (!string.IsNullOrEmpty(options.PreviousSigningSecret) && string.IsNullOrEmpty(options.SigningSecret))
        {
            failures.Add("Callbacks__PreviousSigningSecret is set without Callbacks__SigningSecret: set the new secret too, or remove the previous one.");
        }
        if (options.Timeout <= TimeSpan.Zero)
        {
            failures.Add("Callbacks__Timeout must be a positive duration such as 00:00:30.");
        }
        if (options.RetryWindow < TimeSpan.Zero || options.RetryWindow > MaxRetryWindow)
        {
            failures.Add($"Callbacks__RetryWindow must be from 00:00:00 to {MaxRetryWindow.Days}.00:00:00 (the callback address is kept 7 days), e.g. 1.00:00:00.");
        }
        if (options.InitialRetryDelay <= TimeSpan.Zero)
        {
            failures.Add("Callbacks__InitialRetryDelay must be a positive duration such as 00:00:30.");
        }
        if (options.MaxRetryDelay < options.InitialRetryDelay)
        {
            failures.Add("Callbacks__MaxRetryDelay must be at least Callbacks__InitialRetryDelay, e.g. 01:00:00.");
        }
        if (options.ProgressInterval <= TimeSpan.Zero)
        {
            failures.Add("Callbacks__ProgressInterval must be a positive duration such as 00:00:30.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckSecret(List<string> failures, string setting, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }
        if (WebhookSecret.Problem(value) is { } problem)
        {
            failures.Add($"{setting} {problem}; make one with: echo \"whsec_$(openssl rand -base64 32)\".");
        }
    }
}
