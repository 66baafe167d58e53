using System.Security.Cryptography;

namespace RunwayRelay.Emulator.Uploads;

/// <summary>
/// Upload slots and their files. Files live in a private temporary folder (written as streamed, never held in memory)
/// that is deleted on reset and when the emulator stops. Expired files are removed when the store is next used.
/// </summary>
internal sealed class UploadStore : IDisposable
{
    public const string UriPrefix = "runway://uploads/";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, UploadSlot> _slots = new(StringComparer.Ordinal);
    private readonly EmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "runway-emulator-uploads", Guid.NewGuid().ToString("N"));

    public UploadStore(EmulatorOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    /// <summary>HMAC key of upload policies, fresh per emulator: a policy from another run never validates.</summary>
    public byte[] PolicyKey { get; } = RandomNumberGenerator.GetBytes(32);

    public UploadSlot CreateSlot(string fileName)
    {
        var now = _time.GetUtcNow();
        var uriExpires = now + _options.Scaled(_options.UploadLifetime);
        var policyExpires = now + _options.UploadUrlLifetime;
        var slot = new UploadSlot
        {
            Id = Guid.NewGuid().ToString(),
            FileName = fileName,
            CreatedAt = now,
            // A URL that outlives its URI would accept a file nobody can use.
            PolicyExpiresAt = policyExpires < uriExpires ? policyExpires : uriExpires,
            UriExpiresAt = uriExpires,
            MinBytes = _options.MinUploadBytes,
            MaxBytes = _options.MaxUploadBytes,
        };
        lock (_gate)
        {
            Sweep(now);
            _slots.Add(slot.Id, slot);
        }
        return slot;
    }

    public UploadSlot? Find(string id)
    {
        lock (_gate)
        {
            return _slots.GetValueOrDefault(id);
        }
    }

    public RunwayUriState Check(string runwayUri)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            Sweep(now);
            if (!runwayUri.StartsWith(UriPrefix, StringComparison.Ordinal) || !_slots.TryGetValue(runwayUri[UriPrefix.Length..], out var slot))
            {
                return RunwayUriState.Unknown;
            }
            if (now >= slot.UriExpiresAt)
            {
                return RunwayUriState.Expired;
            }
            return slot.FilePath is null ? RunwayUriState.NotUploaded : RunwayUriState.Usable;
        }
    }

    /// <summary>A new, empty file in the store's folder for an upload in progress.</summary>
    public string NewTemporaryFile()
    {
        Directory.CreateDirectory(_folder);
        return Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".part");
    }

    /// <summary>Makes <paramref name="temporaryFile"/> the slot's content; a repeated upload replaces the earlier one, as S3 does.</summary>
    public void Complete(UploadSlot slot, string temporaryFile, long size)
    {
        lock (_gate)
        {
            var previous = slot.FilePath;
            slot.FilePath = temporaryFile;
            slot.Size = size;
            if (previous is not null)
            {
                TryDelete(previous);
            }
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _slots.Clear();
            TryDeleteFolder();
        }
    }

    public void Dispose() => Reset();

    /// <summary>Forgets expired slots; their URIs then answer "expired" no longer but "unknown", as Runway's deleted files would.</summary>
    private void Sweep(DateTimeOffset now)
    {
        // Kept for a day past expiry so a late use is reported as expired, not unknown.
        foreach (var slot in _slots.Values.Where(s => now >= s.UriExpiresAt + TimeSpan.FromDays(1)).ToList())
        {
            _slots.Remove(slot.Id);
            if (slot.FilePath is not null)
            {
                TryDelete(slot.FilePath);
            }
        }
        foreach (var slot in _slots.Values.Where(s => now >= s.UriExpiresAt && s.FilePath is not null))
        {
            TryDelete(slot.FilePath!);
            slot.FilePath = null;
            slot.Size = 0;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // An upload still streaming into it; the folder goes at reset or stop.
        }
    }

    private void TryDeleteFolder()
    {
        try
        {
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
