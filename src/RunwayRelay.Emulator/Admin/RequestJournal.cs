using System.Security.Cryptography;
using System.Text;

namespace RunwayRelay.Emulator.Admin;

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
