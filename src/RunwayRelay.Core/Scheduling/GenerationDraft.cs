using RunwayRelay.Generations;
using RunwayRelay.Runway;

namespace RunwayRelay.Scheduling;

/// <summary>
/// A validated generation about to be scheduled. <see cref="OutputBlobName"/> null means the default
/// (<c>{id}.mp4</c>, <c>{id}.png</c> for text_to_image); <see cref="Image"/> is set for blob uploads, whose image the
/// submit activity reads itself. <see cref="StatusUrl"/> is set by a webhook subscribe: the callback then gets the
/// final status body (see <see cref="GenerationPayload.StatusUrl"/>).
/// </summary>
public sealed record GenerationDraft(
    string GenerationId,
    RunwayGenerationRequest Request,
    string? OutputBlobName = null,
    Uri? CallbackUrl = null,
    UploadedImage? Image = null,
    Uri? StatusUrl = null,
    CallbackEventSubscription? CallbackEvents = null)
{
    /// <summary>
    /// The id was just made at random (a POST without <c>Idempotency-Key</c>): no instance can hold it yet, so the
    /// scheduler does not look for one, one storage round trip less. The durable store's own dedupe still guards the start.
    /// </summary>
    public bool IdIsNew { get; init; }
}
