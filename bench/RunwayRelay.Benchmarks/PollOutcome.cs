namespace RunwayRelay.Benchmarks;

/// <summary>How one task was polled under one schedule: the GETs it took and when its end was seen.</summary>
internal sealed record PollOutcome(string Schedule, string Id, int Gets, DateTimeOffset SeenAt, TimeSpan MinGap);
