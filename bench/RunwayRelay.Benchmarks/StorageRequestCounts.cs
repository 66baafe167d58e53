using System.Text.Json;
using System.Text.RegularExpressions;

namespace RunwayRelay.Benchmarks;

/// <summary>
/// Storage requests per service, read from Azurite's debug log (one "…StorageContextMiddleware: RequestMethod=…" line per
/// request), with the request bytes sent (Content-Length). Kinds group them by what they are for: the durable engine's
/// queue polls, its history and instance rows, leases, the app's own blobs.
/// </summary>
internal sealed partial class StorageRequestCounts
{
    public Dictionary<string, int> ByService { get; } = new() { ["blob"] = 0, ["queue"] = 0, ["table"] = 0 };

    public Dictionary<string, int> ByKind { get; } = new();

    public long BytesSent { get; private set; }

    /// <summary>Request bytes sent to the table service (history and instance rows).</summary>
    public long TableBytesSent { get; private set; }

    public int Total => ByService.Values.Sum();

    public void AddBytes(long bytes) => BytesSent += bytes;

    public static StorageRequestCounts Read(string debugLog, string taskHub)
    {
        var counts = new StorageRequestCounts();
        using var reader = new StreamReader(new FileStream(debugLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var m = RequestLine().Match(line);
            if (!m.Success)
            {
                continue;
            }
            string service = m.Groups[1].Value.ToLowerInvariant();
            string method = m.Groups[2].Value;
            var url = new Uri(m.Groups[3].Value);
            counts.ByService[service]++;
            string kind = Kind(service, method, url, taskHub);
            counts.ByKind[kind] = counts.ByKind.GetValueOrDefault(kind) + 1;
            try
            {
                using var headers = JsonDocument.Parse(m.Groups[4].Value);
                if (headers.RootElement.TryGetProperty("content-length", out var length) && long.TryParse(length.GetString(), out long n))
                {
                    counts.BytesSent += n;
                    if (service == "table")
                    {
                        counts.TableBytesSent += n;
                    }
                }
            }
            catch (JsonException)
            {
            }
        }
        return counts;
    }

    private static string Kind(string service, string method, Uri url, string taskHub)
    {
        var segments = url.AbsolutePath.Trim('/').Split('/');
        string target = segments.Length > 1 ? segments[1] : "(account)";
        target = target.Replace(taskHub, "{hub}", StringComparison.OrdinalIgnoreCase);
        if (service == "table")
        {
            int paren = target.IndexOf('(');
            target = paren >= 0 ? target[..paren] : target;
        }
        if (service == "queue" && segments.Length > 2 && segments[2] == "messages")
        {
            return $"queue {target} {(method == "GET" ? "dequeue (poll)" : method + " message")}";
        }
        return $"{service} {target} {method}";
    }

    [GeneratedRegex(@"(Blob|Queue|Table)StorageContextMiddleware: RequestMethod=(\S+) RequestURL=(\S+) RequestHeaders:(\{.*?\}) ClientIP")]
    private static partial Regex RequestLine();
}
