namespace RunwayRelay.Uploads;

/// <summary>What became of one uploaded blob.</summary>
public sealed record BlobGenerationResult(string? GenerationId, BlobGenerationOutcome Outcome, string? OutputBlobName = null,
    IReadOnlyDictionary<string, string[]>? Errors = null);
