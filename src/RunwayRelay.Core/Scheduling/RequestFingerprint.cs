using System.Text.Json;
using RunwayRelay.Runway;

namespace RunwayRelay.Scheduling;

/// <summary>What makes two requests "the same" for an <c>Idempotency-Key</c>: the Runway request, the output name and the callback; not the time.</summary>
public static class RequestFingerprint
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public static string Of(RunwayGenerationRequest request, string outputBlobName, Uri? callbackUrl)
    {
        ArgumentNullException.ThrowIfNull(request);
        string canonical = JsonSerializer.Serialize(request, Json) + "\n" + outputBlobName + "\n" + callbackUrl?.AbsoluteUri;
        return Sha256Hex.Of(canonical);
    }
}
