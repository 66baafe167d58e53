using System.Globalization;

namespace RunwayRelay.IntegrationTests.Orchestration;

/// <summary>
/// scripts/bench.sh sets RUNWAYRELAY_BENCH_OUT to collect what the floor tests measured; in CI nothing is written.
/// </summary>
internal static class PollingBenchOutput
{
    private static readonly Lock Gate = new();

    public static bool Enabled => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("RUNWAYRELAY_BENCH_OUT"));

    public static void Record(string scenario, int gets, IReadOnlyList<TimeSpan> gaps)
    {
        string? path = Environment.GetEnvironmentVariable("RUNWAYRELAY_BENCH_OUT");
        if (string.IsNullOrEmpty(path))
        {
            return;
        }
        string line = string.Create(CultureInfo.InvariantCulture,
            $"{scenario}\t{gets}\t{(gaps.Count == 0 ? 0 : gaps.Min().TotalMilliseconds):F0}\t{(gaps.Count == 0 ? 0 : gaps.Average(g => g.TotalMilliseconds)):F0}{Environment.NewLine}");
        lock (Gate)
        {
            File.AppendAllText(path, line);
        }
    }
}
