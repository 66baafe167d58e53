namespace RunwayRelay.Generations;

/// <summary>How long one succeeded generation took from Runway's <c>createdAt</c> to its end, recorded under <see cref="RunTimePrior.Key"/>.</summary>
public sealed record RunTimeSample(string Key, TimeSpan Took);
