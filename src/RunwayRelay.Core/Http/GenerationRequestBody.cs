using RunwayRelay.Runway;

namespace RunwayRelay.Http;

/// <summary>
/// The <c>POST /api/generations</c> body as read, before it is judged: every field optional and loosely typed, so the
/// reader can name every problem at once instead of stopping at the first, as a serializer would.
/// Field names are Runway's (camelCase), plus <c>endpoint</c>, <c>outputBlobName</c> and <c>callbackUrl</c>.
/// </summary>
public sealed record GenerationRequestBody
{
    public string? Endpoint { get; init; }
    public string? Model { get; init; }
    public string? PromptText { get; init; }
    public IReadOnlyList<PromptImage>? PromptImage { get; init; }
    public string? VideoUri { get; init; }
    public string? PromptVideo { get; init; }
    public string? Ratio { get; init; }
    public int? Duration { get; init; }
    public long? Seed { get; init; }
    public bool? Audio { get; init; }
    public string? NegativePrompt { get; init; }
    public ContentModeration? ContentModeration { get; init; }
    public IReadOnlyList<MediaReference>? References { get; init; }
    public IReadOnlyList<ReferenceImage>? ReferenceImages { get; init; }
    public IReadOnlyList<VideoKeyframe>? Keyframes { get; init; }
    public string? TargetAspectRatio { get; init; }
    public string? Resolution { get; init; }
    public string? OutputBlobName { get; init; }
    public string? CallbackUrl { get; init; }
    public IReadOnlyList<string>? CallbackEvents { get; init; }

    /// <summary>Names of the fields the body carried with a non-null value, to tell which ones an endpoint does not take.</summary>
    public IReadOnlySet<string> Present { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}
