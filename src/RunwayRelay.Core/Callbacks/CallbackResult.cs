namespace RunwayRelay.Callbacks;

/// <summary>What became of one callback delivery.</summary>
public sealed record CallbackResult(bool Delivered, int? StatusCode, string? Error);
