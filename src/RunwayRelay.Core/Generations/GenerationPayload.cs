using RunwayRelay.Runway;

namespace RunwayRelay.Generations;

/// <summary>
/// What a generation needs that must not enter durable state, kept in the payload store under its id: the request
/// (with its media and media URLs, which may carry SAS tokens), the callback URL (Logic Apps' carry a <c>sig=</c>
/// token), and for a blob upload where its image is, so the submit activity reads the image itself.
/// <see cref="StatusUrl"/> is set for a webhook subscription: its callback gets the final status body (the JSON a GET
/// of that URL answers) rather than the <c>CompletionNotice</c>.
/// </summary>
public sealed record GenerationPayload(
    RunwayGenerationRequest Request,
    string RequestSha256,
    Uri? CallbackUrl = null,
    UploadedImage? Image = null,
    Uri? StatusUrl = null);
