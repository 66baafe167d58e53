namespace RunwayRelay.Http;

/// <summary>Generation (= orchestration instance) ids.</summary>
public static class GenerationIds
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const int MaxIdempotencyKeyLength = 255;
    public const int MaxIdLength = 100;

    /// <summary>A fresh id for a request without an <c>Idempotency-Key</c>.</summary>
    public static string New() => "g-" + Guid.NewGuid().ToString("N");

    /// <summary>
    /// The id an <c>Idempotency-Key</c> always maps to. Hashing keeps the id short and free of characters the durable
    /// store's keys cannot hold, whatever the caller's key looks like.
    /// </summary>
    public static string FromIdempotencyKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return "g-" + Hash32(key);
    }

    /// <summary>
    /// The id a Logic Apps webhook subscription's callback URL always maps to, so a subscribe Logic Apps retries never
    /// starts a second generation. The <c>w-</c> prefix keeps these apart from the <c>g-</c> ids of <c>Idempotency-Key</c>.
    /// </summary>
    public static string FromCallbackUrl(Uri callbackUrl)
    {
        ArgumentNullException.ThrowIfNull(callbackUrl);
        return "w-" + Hash32(callbackUrl.AbsoluteUri);
    }

    /// <summary>The id of an uploaded blob's generation: one per blob version, so a re-delivered event maps to the same id.</summary>
    public static string FromBlob(string container, string blobName, string etag)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(blobName);
        ArgumentNullException.ThrowIfNull(etag);
        return "b-" + Hash32($"{container}/{blobName}\n{etag.Trim('"')}");
    }

    /// <summary>Null when the header value is usable: 1-255 printable ASCII characters, not only spaces.</summary>
    public static string? IdempotencyKeyProblem(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length is 0 or > MaxIdempotencyKeyLength || string.IsNullOrWhiteSpace(key))
        {
            return $"must be 1 to {MaxIdempotencyKeyLength} printable ASCII characters (got {key.Length})";
        }
        return key.All(c => c is >= ' ' and <= '~') ? null : "must contain only printable ASCII characters";
    }

    /// <summary>
    /// Whether <paramref name="id"/> could be a generation id: letters, digits, '-' and '_'. Anything else is answered
    /// 404 without asking the durable store (whose keys must not contain '/', '\', '#', '?').
    /// </summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: > 0 and <= MaxIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Hash32(string value) => Sha256Hex.Of(value, 32);
}
