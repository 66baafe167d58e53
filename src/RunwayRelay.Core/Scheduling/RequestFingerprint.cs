using System.Text.Json;
using System.Text.Json.Serialization;
using RunwayRelay.Common;
using RunwayRelay.Runway;

namespace RunwayRelay.Scheduling;

/// <summary>What makes two requests "the same" for an <c>Idempotency-Key</c>: the Runway request, the output name and the callback; not the time.</summary>
public static class RequestFingerprint
{
    /// <summary>
    /// Not the Web options, and nulls left out as the Runway body leaves them: fingerprints of generations already
    /// accepted must come out the same.
    /// </summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Of(RunwayGenerationRequest request, string outputBlobName, Uri? callbackUrl)
    {
        ArgumentNullException.ThrowIfNull(request);
        string canonical = JsonSerializer.Serialize(request, Json) + "\n" + outputBlobName + "\n" + callbackUrl?.AbsoluteUri;
        return Sha256Hex.Of(canonical);
    }
}
