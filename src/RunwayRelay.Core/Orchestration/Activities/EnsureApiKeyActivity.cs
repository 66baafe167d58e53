using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using RunwayRelay.ApiKeys;
using RunwayRelay.Telemetry;

namespace RunwayRelay.Orchestration;

/// <summary>The key can be read and is well formed. Returns only its fingerprint and source.</summary>
public sealed class EnsureApiKeyActivity(IRunwayApiKeyProvider keys, ILogger<EnsureApiKeyActivity> logger) : TaskActivity<string, ApiKeyCheck>
{
    public override async Task<ApiKeyCheck> RunAsync(TaskActivityContext context, string generationId)
    {
        using var span = RunwayRelayTelemetry.StartTask(GenerationTasks.EnsureApiKey, context, generationId);
        try
        {
            var key = await keys.GetAsync().ConfigureAwait(false);
            logger.KeyAvailable(generationId, key.Fingerprint, key.Source);
            return new ApiKeyAvailable(key.Fingerprint, key.Source);
        }
        catch (RunwayApiKeyException e)
        {
            // The provider's messages are written to be key-free and actionable.
            logger.KeyUnavailable(generationId, e.Message);
            return new ApiKeyUnavailable(e.Message);
        }
    }
}
