namespace RunwayRelay.Runway;

/// <summary>A text field's rule: length in UTF-16 code units (what Runway counts), and whether it must be present.</summary>
internal sealed record TextRule(int Min, int Max, bool Required);
