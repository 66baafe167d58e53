namespace RunwayRelay.Http;

/// <summary>
/// The answer a <c>GET /api/generations/{id}</c> of an ended generation gives, rendered to bytes: what a webhook
/// subscription's callback receives, with the status code the GET would have answered.
/// </summary>
public sealed record FinalStatusBody(int StatusCode, string ContentType, byte[] Body);
