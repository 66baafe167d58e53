using System.Globalization;

namespace RunwayRelay.Common;

/// <summary>The <c>Retry-After</c> of an answer, for both the Runway client and callback delivery.</summary>
internal static class RetryAfterHeader
{
    /// <summary>
    /// The wait <c>Retry-After</c> asks for, from <paramref name="time"/>'s now: delta seconds, an HTTP date (a date
    /// already past is no wait), or fractional seconds, which some servers send and the typed header rejects; null when
    /// absent or unreadable.
    /// </summary>
    public static TimeSpan? Read(HttpResponseMessage response, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(time);
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return response.Headers.TryGetValues("Retry-After", out var raw)
            && double.TryParse(raw.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }
}
