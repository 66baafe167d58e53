using RunwayRelay.Emulator.Admin;
using RunwayRelay.Emulator.Tasks;

namespace RunwayRelay.Emulator.Hosting;

/// <summary>Everything a reset clears: tasks, credits, the journal and the random sequence.</summary>
internal sealed class EmulatorState(TaskStore store, RequestJournal journal, EmulatorRandom random)
{
    public void Reset()
    {
        store.Reset();
        journal.Clear();
        random.Reseed();
    }
}
