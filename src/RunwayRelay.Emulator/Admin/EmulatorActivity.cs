namespace RunwayRelay.Emulator.Admin;

/// <summary>A snapshot of what the emulator received, for assertions such as "exactly one submission".</summary>
public sealed record EmulatorActivity(
    IReadOnlyList<EmulatorCreateRecord> Creates,
    IReadOnlyList<EmulatorRequestRecord> Requests,
    IReadOnlyList<EmulatorUploadRecord> Uploads)
{
    /// <summary>Every POST /v1/uploads, whatever it was answered.</summary>
    public int UploadSlotAttempts => Requests.Count(r => r.Kind == RouteKind.Upload);

    /// <summary>Every file POST to a presigned upload URL, whatever it was answered.</summary>
    public int StorageAttempts => Requests.Count(r => r.Kind == RouteKind.Storage);

    /// <summary>Every POST to a generation endpoint, whatever it was answered (faults, 400s and 429s included).</summary>
    public int CreateAttempts => Requests.Count(r => r.Kind == RouteKind.Create);

    public IReadOnlyDictionary<string, int> CreatesByKey => Count(Creates, c => c.KeyFingerprint);

    public IReadOnlyDictionary<string, int> CreatesByModel => Count(Creates, c => c.Model);

    public IReadOnlyDictionary<string, int> CreatesByEndpoint => Count(Creates, c => c.Endpoint);

    /// <summary>GET /v1/tasks/{id} per task id, whatever the answer.</summary>
    public IReadOnlyDictionary<string, int> PollsByTask =>
        Count(Requests.Where(r => r.Kind == RouteKind.Read && r.Method == "GET" && r.TaskId is not null), r => r.TaskId!);

    public IReadOnlyList<string> Deletes => [.. Requests.Where(r => r.Kind == RouteKind.Delete && r.TaskId is not null).Select(r => r.TaskId!)];

    /// <summary>Output GETs (not HEADs) per task id, whatever the answer.</summary>
    public IReadOnlyDictionary<string, int> DownloadsByTask =>
        Count(Requests.Where(r => r.Kind == RouteKind.Download && r.Method == "GET" && r.TaskId is not null), r => r.TaskId!);

    private static Dictionary<string, int> Count<T>(IEnumerable<T> items, Func<T, string> key) =>
        items.GroupBy(key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
