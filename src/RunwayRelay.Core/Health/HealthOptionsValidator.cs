using Microsoft.Extensions.Options;

namespace RunwayRelay.Health;

/// <summary>One actionable line per bad <c>Health__*</c> setting, reported at start (<c>ValidateOnStart</c>).</summary>
internal sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options)
    {
        var failures = new List<string>();
        if (options.CacheDuration < TimeSpan.Zero || options.CacheDuration > TimeSpan.FromHours(1))
        {
            failures.Add("Health__CacheDuration must be between 00:00:00 (no caching) and 01:00:00, such as 00:00:30.");
        }
        if (options.CheckTimeout <= TimeSpan.Zero || options.CheckTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add("Health__CheckTimeout must be a positive duration of at most 00:05:00, such as 00:00:10.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
