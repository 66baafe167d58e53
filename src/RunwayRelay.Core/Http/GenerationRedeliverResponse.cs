using RunwayRelay.Callbacks;

namespace RunwayRelay.Http;

/// <summary>Body of <c>202 Accepted</c> from <c>POST /api/generations/{id}/callback/redeliver</c>.</summary>
public sealed record GenerationRedeliverResponse(string Id, CallbackDeliveryStatus Callback, Uri StatusUrl);
