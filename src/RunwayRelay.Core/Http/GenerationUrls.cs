namespace RunwayRelay.Http;

/// <summary>
/// A generation's absolute status URL (see <see cref="GenerationUrlBuilder"/>). Answers name it as <c>statusUrl</c> and,
/// since DELETE goes to the same URL, as <c>cancelUrl</c> too.
/// </summary>
internal sealed record GenerationUrls(string Id, Uri Status);
