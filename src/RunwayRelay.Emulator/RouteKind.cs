namespace RunwayRelay.Emulator;

public enum RouteKind
{
    Create,
    Read,
    Delete,
    Download,
    Admin,
    /// <summary>POST /v1/uploads.</summary>
    Upload,
    /// <summary>The file POST to a presigned upload URL.</summary>
    Storage,
}
