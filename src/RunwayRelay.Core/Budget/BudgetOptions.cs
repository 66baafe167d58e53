namespace RunwayRelay.Budget;

/// <summary>
/// Spending guards (<c>Budget__*</c> settings), checked when a generation is accepted and again just before the one
/// POST to Runway. Limits are in Runway credits (1 credit = US$0.01); unset means no limit.
/// </summary>
public sealed class BudgetOptions
{
    public const string SectionName = "Budget";

    /// <summary>Most credits one generation may be estimated to cost (<c>Budget__MaxCreditsPerGeneration</c>).</summary>
    public long? MaxCreditsPerGeneration { get; set; }

    /// <summary>
    /// Most credits this service may submit per UTC day (<c>Budget__MaxCreditsPerDay</c>), counted from its own
    /// submissions (their estimates), kept in storage.
    /// </summary>
    public long? MaxCreditsPerDay { get; set; }

    /// <summary>
    /// Whether the organization's credit balance (<c>GET /v1/organization</c>) must cover the estimate (<c>Budget__CheckBalance</c>):
    /// one cheap read per submission, and at the door a read cached for <see cref="BalanceCacheDuration"/>.
    /// </summary>
    public bool CheckBalance { get; set; } = true;

    /// <summary>How long the door reuses a balance it read (<c>Budget__BalanceCacheDuration</c>); the submit activity always reads afresh.</summary>
    public TimeSpan BalanceCacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
