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
