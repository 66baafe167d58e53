using System.Globalization;

namespace RunwayRelay.Benchmarks;

/// <summary>Linux /proc readings of a process: peak resident set (VmHWM), current RSS and CPU time.</summary>
internal static class ProcessStats
{
    public static long PeakBytes(int pid = 0) => StatusKb(pid, "VmHWM:") * 1024;

    public static long ResidentBytes(int pid = 0) => StatusKb(pid, "VmRSS:") * 1024;

    /// <summary>Resets this process's peak RSS to its current RSS (Linux clear_refs 5), so a peak measures one operation.</summary>
    public static void ResetPeak() => File.WriteAllText("/proc/self/clear_refs", "5");

    public static double CpuSeconds(int pid) => StatCpuSeconds($"/proc/{pid}/stat");

    /// <summary>CPU seconds of the process's main thread only (for Node: the event loop, where Azurite serves requests).</summary>
    public static double MainThreadCpuSeconds(int pid) => StatCpuSeconds($"/proc/{pid}/task/{pid}/stat");

    private static double StatCpuSeconds(string path)
    {
        string stat = File.ReadAllText(path);
        // Fields after the command name (which may hold spaces) start at ") ".
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / 100.0;
    }

    private static long StatusKb(int pid, string field)
    {
        string path = pid == 0 ? "/proc/self/status" : $"/proc/{pid}/status";
        foreach (string line in File.ReadLines(path))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidOperationException($"{field} not in {path}");
    }
}
