namespace RunwayRelay.Benchmarks;

internal interface ITaskPoller
{
    /// <summary>When to send the next GET.</summary>
    DateTimeOffset NextPollAt(DateTimeOffset now);

    /// <summary>What the GET answered, and when.</summary>
    void Observed(string status, double? progress, DateTimeOffset? createdAt, DateTimeOffset answeredAt);
}
