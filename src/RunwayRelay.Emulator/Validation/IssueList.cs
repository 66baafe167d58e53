namespace RunwayRelay.Emulator.Validation;

internal sealed class IssueList
{
    private readonly List<ValidationIssue> _issues = [];

    public IReadOnlyList<ValidationIssue> Items => _issues;

    public bool Any => _issues.Count > 0;

    public void Add(string code, FieldPath path, string message) => _issues.Add(new ValidationIssue(code, path.Segments, message));
}
