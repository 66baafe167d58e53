namespace RunwayRelay.Orchestration;

public sealed record CopyOutputsInput(string GenerationId, string RunwayTaskId, string Model, string PromptSha256, string OutputBlobName);
