using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

/// <summary>The task statuses Runway documents. Status is an open string: unknown values are kept, not fatal.</summary>
public static class RunwayTaskStatus
{
    public const string Pending = "PENDING";
    public const string Throttled = "THROTTLED";
    public const string Running = "RUNNING";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string Cancelled = "CANCELLED";

    public static bool IsTerminal(string status) => status is Succeeded or Failed or Cancelled;
}

public sealed record RunwayCost([property: JsonPropertyName("credits")] double Credits);

/// <summary><c>GET /v1/tasks/{id}</c>: one record for every status; fields absent for a status are null.</summary>
public sealed record RunwayTask
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("status")] public required string Status { get; init; }
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

/// <summary>Answer of a create call.</summary>
public sealed record RunwayTaskCreated
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("estimatedCost")] public RunwayCost? EstimatedCost { get; init; }
}
