namespace RunwayRelay.Generations;

/// <summary>
/// What earlier generations of the same endpoint, model and duration took, from Runway's <c>createdAt</c> to their
/// end (<c>ModelRunTimes</c>): the poll schedule does not poll before <see cref="Shortest"/> has passed, and
/// <see cref="Key"/> names where this generation's own time is recorded when it succeeds. Null
/// <see cref="Shortest"/>: too few earlier generations to tell.
/// </summary>
public sealed record RunTimePrior(string Key, TimeSpan? Shortest = null);
