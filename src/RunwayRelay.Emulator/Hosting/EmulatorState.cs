using RunwayRelay.Emulator.Admin;
using RunwayRelay.Emulator.Tasks;
using RunwayRelay.Emulator.Uploads;

namespace RunwayRelay.Emulator.Hosting;

/// <summary>Everything a reset clears: tasks, credits, uploads, the journal and the random sequence.</summary>
internal sealed class EmulatorState(TaskStore store, RequestJournal journal, EmulatorRandom random, UploadStore uploads)
{
    public void Reset()
    {
        store.Reset();
        uploads.Reset();
        journal.Clear();
        random.Reseed();
    }
}
