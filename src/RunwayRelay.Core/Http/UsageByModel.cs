namespace RunwayRelay.Http;

/// <summary>
/// One model on one day of <c>GET /api/usage</c>: what Runway counted (refunds negative), what this service recorded
/// submitting, and the difference (<see cref="OtherCredits"/>): spend from elsewhere in the organization, or refunds.
/// </summary>
public sealed record UsageByModel(string Model, long RunwayCredits, long RecordedCredits, int RecordedGenerations)
{
    public long OtherCredits => RunwayCredits - RecordedCredits;
}
