namespace RunwayRelay.Http;

/// <summary>Body of <c>202 Accepted</c> from <c>POST /api/generations</c>; <see cref="EstimatedCredits"/> is null for a model without a rate.</summary>
public sealed record GenerationAcceptedResponse(string Id, string Status, Uri StatusUrl, Uri CancelUrl, long? EstimatedCredits = null);
