using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

/// <summary><c>GET /v1/tasks/{id}</c>: one record for every status; fields absent for a status are null.</summary>
public sealed record RunwayTask
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("status")] public required RunwayTaskStatus Status { get; init; }
    [JsonPropertyName("createdAt")] public DateTimeOffset? CreatedAt { get; init; }
    /// <summary>0..1 while RUNNING.</summary>
    [JsonPropertyName("progress")] public double? Progress { get; init; }
    /// <summary>Signed, short-lived output URLs (SUCCEEDED). Never store or log them.</summary>
    [JsonPropertyName("output")] public IReadOnlyList<string>? Output { get; init; }
    [JsonPropertyName("failure")] public string? Failure { get; init; }
    [JsonPropertyName("failureCode")] public string? FailureCode { get; init; }
    [JsonPropertyName("estimatedCost")] public RunwayCost? EstimatedCost { get; init; }
    [JsonPropertyName("cost")] public RunwayCost? Cost { get; init; }
    /// <summary>Fields this version does not model, kept as sent.</summary>
    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
