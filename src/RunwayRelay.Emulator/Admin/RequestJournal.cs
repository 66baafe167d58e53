using System.Security.Cryptography;
using System.Text;

namespace RunwayRelay.Emulator.Admin;

/// <summary>One request the emulator answered. The key is kept only as a SHA-256 fingerprint, never raw.</summary>
public sealed record EmulatorRequestRecord(
    DateTimeOffset At,
    string Method,
    string Path,
    RouteKind Kind,
    int StatusCode,
    bool Aborted,
    string? KeyFingerprint,
    string? TaskId);

/// <summary>One task the emulator accepted (and charged for).</summary>
public sealed record EmulatorCreateRecord(
    string TaskId,
    string Endpoint,
    string Model,
    string KeyFingerprint,
    long Credits,
    DateTimeOffset At);

/// <summary>
/// One file stored through a presigned upload URL (step 2 of an ephemeral upload). <paramref name="HadAuthorization"/>
/// says whether that request carried an Authorization header (a client must not send its key there); never its value.
/// </summary>
public sealed record EmulatorUploadRecord(
    string UploadId,
    string FileName,
    long Bytes,
    string Sha256,
    string? ContentType,
    bool HadAuthorization,
    DateTimeOffset At);

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

internal sealed class RequestJournal
{
    /// <summary>A long-running standalone emulator keeps the newest requests only; creates are all kept.</summary>
    private const int MaxRequests = 100_000;

    private readonly Lock _gate = new();
    private readonly List<EmulatorRequestRecord> _requests = [];
    private readonly List<EmulatorCreateRecord> _creates = [];
    private readonly List<EmulatorUploadRecord> _uploads = [];

    /// <summary>Lowercase hex SHA-256 of the key: identifies a key in the journal without storing it.</summary>
    public static string Fingerprint(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    public void Record(EmulatorRequestRecord record)
    {
        lock (_gate)
        {
            if (_requests.Count >= MaxRequests)
            {
                _requests.RemoveRange(0, MaxRequests / 10);
            }
            _requests.Add(record);
        }
    }

    public void RecordCreate(EmulatorCreateRecord record)
    {
        lock (_gate)
        {
            _creates.Add(record);
        }
    }

    public void RecordUpload(EmulatorUploadRecord record)
    {
        lock (_gate)
        {
            _uploads.Add(record);
        }
    }

    public EmulatorActivity Snapshot()
    {
        lock (_gate)
        {
            return new EmulatorActivity([.. _creates], [.. _requests], [.. _uploads]);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
            _creates.Clear();
            _uploads.Clear();
        }
    }
}
