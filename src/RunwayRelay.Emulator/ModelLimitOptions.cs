namespace RunwayRelay.Emulator;

public sealed class ModelLimitOptions
{
    public int MaxConcurrentGenerations { get; set; } = 2;
    public int MaxDailyGenerations { get; set; } = 200;

    /// <summary>How fast this model generates: a task's generation time is divided by it (2 = twice as fast). > 0.</summary>
    public double Speed { get; set; } = 1.0;
}
