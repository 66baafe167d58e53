namespace RunwayRelay.Http;

/// <summary>
/// The body's field names (Runway's, camelCase), as keys of problems and schema properties. Which fields exist and which
/// endpoint takes them is not listed here but read from the request records (<see cref="GenerationRequestContract"/>):
/// a field added to a record needs no constant.
/// </summary>
public static class GenerationFields
{
    public const string Endpoint = "endpoint";
    public const string Model = "model";
    public const string PromptText = "promptText";
    public const string PromptImage = "promptImage";
    public const string VideoUri = "videoUri";
    public const string PromptVideo = "promptVideo";
    public const string Ratio = "ratio";
    public const string Duration = "duration";
    public const string Seed = "seed";
    public const string Audio = "audio";
    public const string NegativePrompt = "negativePrompt";
    public const string ContentModeration = "contentModeration";
    public const string References = "references";
    public const string ReferenceImages = "referenceImages";
    public const string Keyframes = "keyframes";
    public const string TargetAspectRatio = "targetAspectRatio";
    public const string Resolution = "resolution";
    public const string OutputBlobName = "outputBlobName";
    public const string CallbackUrl = "callbackUrl";
    public const string CallbackEvents = "callbackEvents";

    /// <summary>Key of problems with the body as a whole (not JSON, not an object), as System.Text.Json names the root.</summary>
    public const string Body = "$";

    /// <summary>Every field the body takes, in the order problems and the OpenAPI document list them.</summary>
    public static IReadOnlyList<string> All => GenerationRequestContract.Fields;
}
