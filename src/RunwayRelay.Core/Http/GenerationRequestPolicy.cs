namespace RunwayRelay.Http;

/// <summary>What the door needs to know about the server to judge a request.</summary>
public sealed record GenerationRequestPolicy(bool CallbacksEnabled, bool AllowLoopbackCallbacks)
{
    /// <summary><c>Runway__AllowUnknownModels</c>: forward models the catalog does not list, with only endpoint-level checks.</summary>
    public bool AllowUnknownModels { get; init; }
}
