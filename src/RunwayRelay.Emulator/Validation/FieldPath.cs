namespace RunwayRelay.Emulator.Validation;

/// <summary>An immutable JSON path such as <c>promptImage.0.uri</c>.</summary>
internal readonly record struct FieldPath(IReadOnlyList<object> Segments)
{
    public static FieldPath Root { get; } = new([]);

    public FieldPath Then(string property) => new([.. Segments, property]);

    public FieldPath Then(int index) => new([.. Segments, index]);
}
