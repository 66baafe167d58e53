namespace RunwayRelay.Runway;

/// <summary>A closed set of values (null = any string) and whether the field must be present.</summary>
internal sealed record ChoiceRule(IReadOnlyList<string>? Allowed, bool Required);
