namespace RunwayRelay.Runway;

/// <summary>One model on one endpoint. A null rule means the model does not take that field (Runway rejects unknown fields).</summary>
internal sealed record ModelSpec
{
    public required string Endpoint { get; init; }
    public required string Model { get; init; }
    public TextRule? PromptText { get; init; }
    public ChoiceRule? Ratio { get; init; }
    public DurationRule? Duration { get; init; }
    public bool Seed { get; init; }
    public bool Audio { get; init; }
    public bool ContentModeration { get; init; }
    public TextRule? NegativePrompt { get; init; }
    public PromptImageRule? PromptImage { get; init; }
    /// <summary>Most <c>references</c> entries; 0 = not taken.</summary>
    public int MaxReferences { get; init; }
    /// <summary><c>videoUri</c> or <c>promptVideo</c> (required), or null.</summary>
    public string? VideoField { get; init; }
    public bool Keyframes { get; init; }
    public IReadOnlyList<string>? TargetAspectRatios { get; init; }
    /// <summary><c>referenceImages</c> count for text_to_image; null = not taken.</summary>
    public (int Min, int Max)? ReferenceImages { get; init; }
    public IReadOnlyList<string>? Resolutions { get; init; }
}
