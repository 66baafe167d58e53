namespace RunwayRelay.Emulator.Billing;

/// <summary>
/// The organization's credits and generation counts. Not thread-safe on its own: the task store calls it under its lock,
/// so that checking the quota, charging and creating the task are one step.
/// </summary>
internal sealed class CreditLedger(EmulatorOptions options)
{
    private readonly List<LedgerEntry> _entries = [];
    private readonly List<(DateTimeOffset At, string Model)> _generations = [];

    public long Balance { get; private set; } = options.InitialCreditBalance;

    public IReadOnlyList<LedgerEntry> Entries => _entries;

    /// <summary>Generations of <paramref name="model"/> in the rolling 24 hours before <paramref name="now"/>.</summary>
    public int DailyGenerations(string model, DateTimeOffset now) =>
        _generations.Count(g => g.Model == model && g.At > now.AddDays(-1));

    public void Charge(string model, long credits, DateTimeOffset now)
    {
        Balance -= credits;
        _entries.Add(new LedgerEntry(now, model, credits));
        _generations.Add((now, model));
    }

    public void Refund(string model, long credits, DateTimeOffset now)
    {
        Balance += credits;
        _entries.Add(new LedgerEntry(now, model, -credits));
    }

    public void SetBalance(long balance) => Balance = balance;

    public void Reset()
    {
        _entries.Clear();
        _generations.Clear();
        Balance = options.InitialCreditBalance;
    }
}
