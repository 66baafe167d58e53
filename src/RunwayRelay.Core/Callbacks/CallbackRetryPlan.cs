using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RunwayRelay.Callbacks;

/// <summary>
/// When a failed delivery is tried again: exponential backoff from <see cref="CallbackSchedule.InitialDelay"/> doubling
/// per attempt up to <see cref="CallbackSchedule.MaxDelay"/>, with "equal jitter" (half the delay fixed, half spread),
/// or the receiver's <c>Retry-After</c> when it gave one; never past the retry window. Pure and deterministic (the jitter
/// is a hash of the webhook id and the attempt), so the orchestrator can call it on every replay.
/// </summary>
public static class CallbackRetryPlan
{
    /// <summary>The delay before attempt <paramref name="attempts"/> + 1, after <paramref name="attempts"/> failed ones (≥ 1).</summary>
    public static TimeSpan Backoff(CallbackSchedule schedule, int attempts, string jitterKey)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        double factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        double full = Math.Min(schedule.InitialDelay.Ticks * factor, schedule.MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)(full / 2 + full / 2 * Jitter(jitterKey, attempts)));
    }

    /// <summary>
    /// The next attempt's time, or null when it would fall after the window that started at
    /// <paramref name="firstAttemptAt"/> (the delivery then ends failed).
    /// </summary>
    public static DateTime? NextAttemptAt(CallbackSchedule schedule, int attempts, DateTime firstAttemptAt, DateTime now,
        TimeSpan? retryAfter, string jitterKey)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        // The receiver knows best when it can take the call again, within bounds: a Retry-After past MaxDelay is held to
        // it, and one of 0 or a date already past to InitialDelay, so a receiver cannot turn the retries into a tight loop.
        TimeSpan delay = retryAfter is { } asked
            ? TimeSpan.FromTicks(Math.Clamp(asked.Ticks, schedule.InitialDelay.Ticks, Math.Max(schedule.InitialDelay.Ticks, schedule.MaxDelay.Ticks)))
            : Backoff(schedule, attempts, jitterKey);
        DateTime next = now + delay;
        return next > firstAttemptAt + schedule.Window ? null : next;
    }

    /// <summary>A number in [0, 1) fixed by the key and the attempt.</summary>
    internal static double Jitter(string key, int attempt)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key + "#" + attempt.ToString(CultureInfo.InvariantCulture)), hash);
        return (BinaryPrimitives.ReadUInt64LittleEndian(hash) >> 11) / (double)(1UL << 53);
    }
}
