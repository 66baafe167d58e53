namespace RunwayRelay.Benchmarks;

/// <summary>One schedule's figures over all generations of a run (delays in seconds after the task ended).</summary>
internal sealed record ScheduleResult(double GetsPerGeneration, double MedianDelay, double P95Delay, double MinGap);
