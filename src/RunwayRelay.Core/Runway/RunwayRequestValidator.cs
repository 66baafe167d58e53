namespace RunwayRelay.Runway;

/// <summary>
/// Checks a request against the per-model tables so that a request Runway would reject is rejected before any call.
/// SKELETON: the client issue fills the tables; the signature is the contract.
/// </summary>
public static class RunwayRequestValidator
{
    /// <summary>Every problem found (empty when valid). Paths use Runway's field names, e.g. <c>promptImage.0.uri</c>.</summary>
    public static IReadOnlyList<RunwayIssue> Validate(RunwayGenerationRequest request) => [];
}
