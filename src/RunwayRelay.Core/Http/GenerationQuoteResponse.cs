namespace RunwayRelay.Http;

/// <summary>
/// Body of <c>200 OK</c> from <c>POST /api/generations/quote</c>: what the request would cost (null for a model without
/// a rate) by the figures of <see cref="RatesAsOf"/>, the budgets, and the error code the door would refuse it with now
/// (<see cref="Refusal"/>, null when it would be accepted).
/// </summary>
public sealed record GenerationQuoteResponse(
    string Endpoint,
    string Model,
    long? EstimatedCredits,
    decimal? EstimatedUsd,
    string RatesAsOf,
    long? MaxCreditsPerGeneration,
    long? MaxCreditsPerDay,
    string? Refusal,
    string? RefusalMessage);
