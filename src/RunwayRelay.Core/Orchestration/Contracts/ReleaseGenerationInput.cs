namespace RunwayRelay.Orchestration;

/// <summary>Input of <see cref="ReleaseGenerationActivity"/>: whose payload to delete and which name reservation to free.</summary>
public sealed record ReleaseGenerationInput(string GenerationId, string OutputBlobName);
