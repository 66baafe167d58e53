namespace RunwayRelay.Generations;

/// <summary>
/// The optional callback events a request asked for with <c>callbackEvents</c>, and the <c>Callbacks__ProgressInterval</c>
/// snapshot taken at the door (so replays are deterministic). The completed event is always sent and is not listed.
/// </summary>
public sealed record CallbackEventSubscription(bool Running, bool Progress, TimeSpan ProgressInterval);
