using Microsoft.Extensions.Options;

namespace RunwayRelay.Health;

/// <summary><c>Health__*</c> settings of <c>GET /api/health</c>.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>
    /// How long one report is answered again (<c>Health__CacheDuration</c>): a load balancer probing every few seconds
    /// then costs one Runway and one storage round per interval, not per probe. Zero checks on every request.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait for one part (<c>Health__CheckTimeout</c>); a part that takes longer is reported as failing.</summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

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
