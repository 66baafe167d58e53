namespace RunwayRelay.Http;

/// <summary>
/// Body of <c>DELETE /api/generations/{id}</c> and of <c>POST /api/generations/unsubscribe</c>. <see cref="Status"/> is a
/// <see cref="GenerationCancelStatus"/>'s name; the record holds the string so that the OpenAPI document describes it
/// inline, as every other answer's <c>status</c>, rather than as a schema of its own.
/// </summary>
public sealed record GenerationCancelResponse(string Id, string Status, Uri StatusUrl);
