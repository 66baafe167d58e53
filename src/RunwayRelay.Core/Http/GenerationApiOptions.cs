using Microsoft.Extensions.Options;

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
}

internal sealed class GenerationApiOptionsValidator : IValidateOptions<GenerationApiOptions>
{
    public ValidateOptionsResult Validate(string? name, GenerationApiOptions options) =>
        options.MaxRequestBodyBytes is < 1024 or > 256L * 1024 * 1024
            ? ValidateOptionsResult.Fail("Api__MaxRequestBodyBytes must be from 1024 to 268435456 (bytes), e.g. 33554432 for 32 MiB.")
            : ValidateOptionsResult.Success;
}
