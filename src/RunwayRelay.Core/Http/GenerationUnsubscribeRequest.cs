namespace RunwayRelay.Http;

/// <summary>Body of <c>POST /api/generations/unsubscribe</c>: the callback URL the subscribe was given.</summary>
public sealed record GenerationUnsubscribeRequest(Uri CallbackUrl);
