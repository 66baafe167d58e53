namespace RunwayRelay.Runway;

internal static class RunwayRequestKindExtensions
{
    /// <summary>The tag value dashboards and docs/operations.md query: the lowercase name.</summary>
    public static string ToTagValue(this RunwayRequestKind kind) => kind switch
    {
        RunwayRequestKind.Create => "create",
        RunwayRequestKind.Get => "get",
        RunwayRequestKind.Delete => "delete",
        RunwayRequestKind.Upload => "upload",
        RunwayRequestKind.Organization => "organization",
        RunwayRequestKind.Usage => "usage",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
