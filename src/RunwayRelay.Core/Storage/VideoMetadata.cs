namespace RunwayRelay.Storage;

/// <summary>What a stored video is tagged with (blob metadata); never the prompt itself.</summary>
public sealed record VideoMetadata(string RunwayTaskId, string Model, string GenerationId, string PromptSha256)
{
    public const string RunwayTaskIdKey = "runwaytaskid";
    public const string GenerationIdKey = "generationid";

    public IDictionary<string, string> ToDictionary() => new Dictionary<string, string>
    {
        [RunwayTaskIdKey] = RunwayTaskId,
        ["model"] = Model,
        [GenerationIdKey] = GenerationId,
        ["promptsha256"] = PromptSha256,
    };
}
