namespace RunwayRelay.Emulator.Tasks;

/// <summary>The one seeded random source behind fault and failure rates, so runs are repeatable.</summary>
internal sealed class EmulatorRandom(EmulatorOptions options)
{
    private readonly Lock _gate = new();
    private Random _random = new(options.RandomSeed);

    /// <summary>True with probability <paramref name="rate"/> (0 never rolls, so it never shifts the sequence).</summary>
    public bool Roll(double rate)
    {
        if (rate <= 0)
        {
            return false;
        }
        lock (_gate)
        {
            return _random.NextDouble() < rate;
        }
    }

    public void Reseed()
    {
        lock (_gate)
        {
            _random = new Random(options.RandomSeed);
        }
    }
}
