namespace RunwayRelay.Generations;

public sealed record PollingSchedule(TimeSpan Interval, TimeSpan MaxInterval, TimeSpan Timeout);
