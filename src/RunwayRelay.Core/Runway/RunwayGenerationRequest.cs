using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

/// <summary>
/// A create request. The concrete type picks the endpoint; <see cref="Model"/> is an open string checked against
/// the validation tables. Serialized as the base type (orchestration input) it carries an <c>endpoint</c> discriminator;
/// serialized as its concrete type (the body sent to Runway) it does not. The derived records' JSON properties are also
/// the fields <c>POST /api/generations</c> takes for each endpoint (see <c>Http/GenerationRequestContract.cs</c>).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "endpoint")]
[JsonDerivedType(typeof(ImageToVideoRequest), RunwayEndpoints.ImageToVideo)]
[JsonDerivedType(typeof(TextToVideoRequest), RunwayEndpoints.TextToVideo)]
[JsonDerivedType(typeof(VideoToVideoRequest), RunwayEndpoints.VideoToVideo)]
[JsonDerivedType(typeof(TextToImageRequest), RunwayEndpoints.TextToImage)]
[JsonDerivedType(typeof(VideoUpscaleRequest), RunwayEndpoints.VideoUpscale)]
public abstract record RunwayGenerationRequest
{
    [JsonIgnore] public abstract string Endpoint { get; }

    [JsonPropertyName("model")] public required string Model { get; init; }

    [JsonPropertyName("promptText")] public string? PromptText { get; init; }

    [JsonPropertyName("seed")] public long? Seed { get; init; }
}
