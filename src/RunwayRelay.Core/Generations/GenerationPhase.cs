namespace RunwayRelay.Generations;

/// <summary>Where a generation is; exposed as the orchestration's custom status and by <c>GET /api/generations/{id}</c>.</summary>
public static class GenerationPhase
{
    public const string Accepted = "Accepted";
    public const string Submitted = "Submitted";
    public const string Queued = "Queued";
    public const string Running = "Running";
    public const string Copying = "Copying";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Cancelled = "Cancelled";
    public const string TimedOut = "TimedOut";
}
