using System.Security.Cryptography;
using System.Text;

namespace RunwayRelay.Generations;

/// <summary>Identifies a prompt in blob metadata and durable state without storing it.</summary>
public static class PromptHash
{
    public static string Of(string? prompt) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(prompt ?? "")));
}
