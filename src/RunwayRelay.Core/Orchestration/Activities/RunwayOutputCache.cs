using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RunwayRelay.Orchestration;

/// <summary>
/// The output URLs of the last status read that saw SUCCEEDED, kept in this process's memory only (never in durable
/// state, never logged) so that the copy right after it does not GET the task a second time. An entry is handed out
/// once, only within <see cref="MaxAge"/> of the read and only while every URL stays valid for at least
/// <see cref="MinRemainingLifetime"/> by its own signature; anything else (another process, a retried copy, a URL
/// whose expiry cannot be read) is a miss and the copy reads the task itself.
/// </summary>
public sealed class RunwayOutputCache(TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(2);

    public static readonly TimeSpan MinRemainingLifetime = TimeSpan.FromMinutes(15);

    private const int MaxEntries = 1024;

    private readonly ConcurrentDictionary<string, (IReadOnlyList<string> Outputs, DateTimeOffset ReadAt, DateTimeOffset ExpiresAt)> _entries = new(StringComparer.Ordinal);

    public void Remember(string runwayTaskId, IReadOnlyList<string> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        if (outputs.Count == 0 || outputs.Select(ExpiryOf).Min() is not { } expiresAt)
        {
            return;
        }
        var now = time.GetUtcNow();
        if (_entries.Count >= MaxEntries)
        {
            foreach (var old in _entries.Where(e => now - e.Value.ReadAt > MaxAge).Select(e => e.Key).ToList())
            {
                _entries.TryRemove(old, out _);
            }
        }
        if (_entries.Count < MaxEntries)
        {
            _entries[runwayTaskId] = ([.. outputs], now, expiresAt);
        }
    }

    /// <summary>The outputs remembered for the task, removed as they are taken; null on a miss.</summary>
    public IReadOnlyList<string>? TryTake(string runwayTaskId)
    {
        if (!_entries.TryRemove(runwayTaskId, out var entry))
        {
            return null;
        }
        var now = time.GetUtcNow();
        return now - entry.ReadAt <= MaxAge && entry.ExpiresAt - now >= MinRemainingLifetime ? entry.Outputs : null;
    }

    /// <summary>
    /// When a signed URL stops working, from the forms in use: <c>expires</c>/<c>Expires</c> (Unix seconds: the emulator,
    /// CloudFront), <c>se</c> (Azure SAS), <c>X-Amz-Date</c> + <c>X-Amz-Expires</c> (S3) and the <c>exp</c> claim of a
    /// <c>_jwt</c> (Runway's CDN). Null when none is there.
    /// </summary>
    public static DateTimeOffset? ExpiryOf(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Query))
        {
            return null;
        }
        var query = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .GroupBy(pair => Uri.UnescapeDataString(pair[0]), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => Uri.UnescapeDataString(g.First().ElementAtOrDefault(1) ?? ""), StringComparer.OrdinalIgnoreCase);
        if (query.TryGetValue("expires", out var unix) && long.TryParse(unix, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        if (query.TryGetValue("se", out var se) && DateTimeOffset.TryParse(se, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sasEnd))
        {
            return sasEnd;
        }
        if (query.TryGetValue("X-Amz-Date", out var amzDate) && query.TryGetValue("X-Amz-Expires", out var amzExpires)
            && DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt)
            && int.TryParse(amzExpires, NumberStyles.None, CultureInfo.InvariantCulture, out var lifetime))
        {
            return signedAt.AddSeconds(lifetime);
        }
        if (query.TryGetValue("_jwt", out var jwt) && JwtExpiry(jwt) is { } exp)
        {
            return exp;
        }
        return null;
    }

    private static DateTimeOffset? JwtExpiry(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length < 2)
        {
            return null;
        }
        try
        {
            string payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            return json.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }
}
