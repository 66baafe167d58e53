namespace RunwayRelay.Emulator.Validation;

internal sealed record ValidationResult(ModelSpec? Spec, IReadOnlyList<ValidationIssue> Issues)
{
    public bool IsValid => Spec is not null && Issues.Count == 0;
}
