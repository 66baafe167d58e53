namespace RunwayRelay.Http;

/// <summary>Limits of the HTTP API (<c>Api__*</c> settings).</summary>
public sealed class GenerationApiOptions
{
    public const string SectionName = "Api";

    /// <summary>
    /// Largest accepted <c>POST /api/generations</c> body. Data URIs are the big part: a video may be 16 MiB of
    /// base64 and each image 5 MiB, so 32 MiB leaves room for a video plus a couple of images and the JSON around them.
    /// </summary>
    public const long DefaultMaxRequestBodyBytes = 32L * 1024 * 1024;

    /// <summary>Larger bodies get 413 before they are read in full (<c>Api__MaxRequestBodyBytes</c>).</summary>
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>
    /// Where callers reach the API, e.g. <c>https://relay.example.com</c> behind a proxy or Front Door
    /// (<c>Api__PublicBaseUrl</c>): status and cancel URLs start with it instead of the request's Host. A string, so that
    /// a bad value gets one clear line from the validator rather than a binder exception.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The parsed <see cref="PublicBaseUrl"/>, or null when it is not set (or not valid, which start-up reports).</summary>
    internal Uri? PublicBase =>
        !string.IsNullOrWhiteSpace(PublicBaseUrl) && Uri.TryCreate(PublicBaseUrl.Trim(), UriKind.Absolute, out var url) ? url : null;
}
