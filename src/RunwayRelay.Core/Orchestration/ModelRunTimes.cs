using System.Collections.Concurrent;
using RunwayRelay.Generations;
using RunwayRelay.Runway;

namespace RunwayRelay.Orchestration;

/// <summary>
/// How long the latest succeeded generations took, per endpoint, model and duration, in this process's memory: the
/// submission hands the shortest of them to the poll schedule (<see cref="RunTimePrior"/>), the copy records each new
/// one. Memory only, because it is a hint: a fresh process (a restart, another instance) starts without one and
/// polls on its backoff until it has seen <see cref="MinSamples"/> generations of that kind.
/// </summary>
public sealed class ModelRunTimes
{
    /// <summary>
    /// How many of the latest generations of one kind count. Generations started together end in the order of their
    /// length, so a short window after a burst holds only its slowest; this one spans a burst of a few hundred, and
    /// one unusually fast generation still ages out.
    /// </summary>
    internal const int Window = 256;

    /// <summary>Fewer than this and the shortest says little about the next one.</summary>
    internal const int MinSamples = 5;

    /// <summary>Models and durations are closed sets in practice; the bound keeps a stream of odd requests from growing memory.</summary>
    internal const int MaxKinds = 256;

    private readonly ConcurrentDictionary<string, Samples> _kinds = new(StringComparer.Ordinal);

    /// <summary>The kind of a request: its endpoint, model and requested duration, which set how long Runway takes.</summary>
    public static string KindOf(RunwayGenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (request as RunwayVideoRequest)?.Duration is { } seconds
            ? $"{request.Endpoint}/{request.Model}/{seconds}s"
            : $"{request.Endpoint}/{request.Model}";
    }

    public RunTimePrior PriorFor(RunwayGenerationRequest request) => PriorFor(KindOf(request));

    public RunTimePrior PriorFor(string kind) => new(kind, _kinds.TryGetValue(kind, out var samples) ? samples.Shortest() : null);

    public void Record(RunTimeSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.Took <= TimeSpan.Zero)
        {
            return;
        }
        if (!_kinds.TryGetValue(sample.Key, out var samples))
        {
            // Count takes every lock of the dictionary: only a new kind pays for it.
            if (_kinds.Count >= MaxKinds)
            {
                return;
            }
            samples = _kinds.GetOrAdd(sample.Key, _ => new Samples());
        }
        samples.Add(sample.Took);
    }

    private sealed class Samples
    {
        private readonly TimeSpan[] _latest = new TimeSpan[Window];
        private int _count;
        private int _next;

        public void Add(TimeSpan took)
        {
            lock (_latest)
            {
                _latest[_next] = took;
                _next = (_next + 1) % Window;
                _count = Math.Min(_count + 1, Window);
            }
        }

        public TimeSpan? Shortest()
        {
            lock (_latest)
            {
                return _count < MinSamples ? null : _latest.Take(_count).Min();
            }
        }
    }
}
