namespace RunwayRelay.Runway;

/// <summary>Whole seconds, either a range or a set of values.</summary>
internal sealed record DurationRule(int Min, int Max, bool Required, IReadOnlyList<int>? Allowed = null)
{
    public bool Accepts(int value) => Allowed is { } set ? set.Contains(value) : value >= Min && value <= Max;

    public string Describe() => Allowed is { } set ? "one of " + string.Join(", ", set) : $"a whole number of seconds from {Min} to {Max}";
}
