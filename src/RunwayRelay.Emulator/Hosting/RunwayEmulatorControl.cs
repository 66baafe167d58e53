using RunwayRelay.Emulator.Admin;
using RunwayRelay.Emulator.Hosting;
using RunwayRelay.Emulator.Tasks;

namespace RunwayRelay.Emulator;

/// <summary>
/// The C# view of an emulator's state, for tests and benchmarks: resolve it from DI when the emulator is mapped
/// into your own app, or use <see cref="RunwayEmulatorServer"/>, which exposes the same members.
/// </summary>
public sealed class RunwayEmulatorControl
{
    private readonly RequestJournal _journal;
    private readonly TaskStore _store;
    private readonly EmulatorState _state;

    internal RunwayEmulatorControl(EmulatorOptions options, RequestJournal journal, TaskStore store, EmulatorState state)
    {
        Options = options;
        _journal = journal;
        _store = store;
        _state = state;
    }

    /// <summary>The live options: changes apply to the next request.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>What the emulator received so far (creates per key fingerprint and model, polls, deletes, downloads).</summary>
    public EmulatorActivity Activity => _journal.Snapshot();

    /// <summary>When each task was created, started and ended.</summary>
    public IReadOnlyList<TaskTimeline> Tasks => _store.Timelines();

    public long CreditBalance
    {
        get => _store.CreditBalance;
        set => _store.SetCreditBalance(value);
    }

    /// <summary>Forgets every task, request and charge; the balance goes back to <see cref="EmulatorOptions.InitialCreditBalance"/>.</summary>
    public void Reset() => _state.Reset();
}
