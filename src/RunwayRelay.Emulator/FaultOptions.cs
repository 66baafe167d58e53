namespace RunwayRelay.Emulator;

public sealed class FaultOptions
{
    /// <summary>POST to a generation endpoint.</summary>
    public FaultRule Create { get; set; } = new();

    /// <summary>GET of a task, the organization, and POST /v1/organization/usage.</summary>
    public FaultRule Read { get; set; } = new();

    /// <summary>DELETE of a task.</summary>
    public FaultRule Delete { get; set; } = new();

    /// <summary>GET/HEAD of an output file.</summary>
    public FaultRule Download { get; set; } = new();

    /// <summary>POST /v1/uploads (step 1 of an upload: the slot and its presigned URL).</summary>
    public FaultRule Upload { get; set; } = new();

    /// <summary>The multipart POST of the file to the presigned upload URL (step 2).</summary>
    public FaultRule Storage { get; set; } = new();

    internal FaultRule For(RouteKind kind) => kind switch
    {
        RouteKind.Create => Create,
        RouteKind.Read => Read,
        RouteKind.Delete => Delete,
        RouteKind.Download => Download,
        RouteKind.Upload => Upload,
        RouteKind.Storage => Storage,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "admin routes take no faults"),
    };
}
