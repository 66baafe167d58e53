namespace RunwayRelay.Runway;

/// <summary>
/// What one Runway API call does, as the <c>runway.request.kind</c> tag of its span and of the
/// <c>runwayrelay.runway.requests</c> metric (<see cref="RunwayRequestKindExtensions.ToTagValue"/>). Only
/// <see cref="Create"/> can cost credits, so only it is never repeated after a request may have reached Runway.
/// </summary>
internal enum RunwayRequestKind
{
    Create,
    Get,
    Delete,
    Upload,
    Organization,
    Usage,
}
