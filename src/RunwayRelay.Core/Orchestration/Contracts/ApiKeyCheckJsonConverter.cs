using System.Text.Json;

namespace RunwayRelay.Orchestration;

/// <summary>Reads both cases, and the record of nullable fields (<c>Available</c>, ...) that earlier versions wrote.</summary>
public sealed class ApiKeyCheckJsonConverter : ClosedResultJsonConverter<ApiKeyCheck>
{
    protected override ApiKeyCheck Read(JsonElement result) =>
        (Boolean(result, "Available") ?? String(result, nameof(ApiKeyAvailable.Fingerprint)) is not null)
            ? new ApiKeyAvailable(String(result, nameof(ApiKeyAvailable.Fingerprint)) ?? "", String(result, nameof(ApiKeyAvailable.Source)) ?? "")
            : new ApiKeyUnavailable(String(result, nameof(ApiKeyUnavailable.Error)) ?? "The Runway API key is unavailable.");
}
