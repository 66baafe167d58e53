namespace RunwayRelay.Benchmarks;

internal interface ITaskPoller
{
    /// <summary>When to send the next GET.</summary>
    DateTimeOffset NextPollAt(DateTimeOffset now);

    /// <summary>What the GET answered, and when.</summary>
    void Observed(string status, double? progress, DateTimeOffset? createdAt, DateTimeOffset answeredAt);

    /// <summary>The GET that saw the task SUCCEEDED answered at <paramref name="answeredAt"/>.</summary>
    void Succeeded(DateTimeOffset? createdAt, DateTimeOffset answeredAt)
    {
    }
}
