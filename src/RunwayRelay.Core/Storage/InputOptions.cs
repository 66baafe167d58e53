namespace RunwayRelay.Storage;

/// <summary>Where uploaded images start generations (<c>Input__*</c> settings).</summary>
public sealed class InputOptions
{
    public const string SectionName = "Input";

    public string Container { get; set; } = "runway-inbox";
}
