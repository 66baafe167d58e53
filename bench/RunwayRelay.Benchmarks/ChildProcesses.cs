using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace RunwayRelay.Benchmarks;

/// <summary>The processes this benchmark started (Azurite, DevHosts), stopped by PID if it is stopped itself (Ctrl+C, SIGTERM).</summary>
internal static class ChildProcesses
{
    private static readonly ConcurrentDictionary<int, Process> Started = new();
    private static readonly PosixSignalRegistration[] Signals =
        [PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal)];

    static ChildProcesses()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        // A crash raises no ProcessExit: without this an Azurite outlived a failed run.
        AppDomain.CurrentDomain.UnhandledException += (_, _) => KillAll();
    }

    public static void Track(Process process)
    {
        // The registrations must live as long as the process does.
        GC.KeepAlive(Signals);
        Started[process.Id] = process;
    }

    public static void Forget(Process process) => Started.TryRemove(process.Id, out _);

    private static void OnSignal(PosixSignalContext context)
    {
        KillAll();
        context.Cancel = false;
    }

    private static void KillAll()
    {
        foreach (var process in Started.Values)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
        }
    }
}
