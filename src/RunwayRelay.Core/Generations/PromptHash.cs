namespace RunwayRelay.Generations;

/// <summary>Identifies a prompt in blob metadata and durable state without storing it.</summary>
public static class PromptHash
{
    public static string Of(string? prompt) =>
        Sha256Hex.Of(prompt ?? "");
}
