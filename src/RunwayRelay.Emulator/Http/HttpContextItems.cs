namespace RunwayRelay.Emulator.Http;

/// <summary>Per-request facts handed from filters to handlers and to the journal.</summary>
internal static class HttpContextItems
{
    private const string KeyFingerprint = "RunwayEmulator.KeyFingerprint";
    private const string TaskId = "RunwayEmulator.TaskId";
    private const string Truncate = "RunwayEmulator.Truncate";
    private const string Aborted = "RunwayEmulator.Aborted";
    private const string Journal = "RunwayEmulator.Journal";

    public static void SetJournalCallback(this HttpContext context, Action record) => context.Items[Journal] = record;

    public static string? GetKeyFingerprint(this HttpContext context) => context.Items[KeyFingerprint] as string;

    public static void SetKeyFingerprint(this HttpContext context, string fingerprint) => context.Items[KeyFingerprint] = fingerprint;

    public static string? GetTaskId(this HttpContext context) =>
        context.Items[TaskId] as string ?? context.Request.RouteValues["id"] as string;

    public static void SetTaskId(this HttpContext context, string id) => context.Items[TaskId] = id;

    public static bool ShouldTruncate(this HttpContext context) => context.Items.ContainsKey(Truncate);

    public static void MarkTruncate(this HttpContext context) => context.Items[Truncate] = true;

    public static bool WasAborted(this HttpContext context) => context.Items.ContainsKey(Aborted);

    /// <summary>Drops the connection without an answer, as a crashed proxy would.</summary>
    public static void AbortConnection(this HttpContext context)
    {
        context.Items[Aborted] = true;
        (context.Items[Journal] as Action)?.Invoke();
        context.Abort();
    }
}
