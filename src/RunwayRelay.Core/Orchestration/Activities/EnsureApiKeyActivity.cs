using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using RunwayRelay.ApiKeys;
using RunwayRelay.Telemetry;

namespace RunwayRelay.Orchestration;

/// <summary>The key can be read and is well formed. Returns only its fingerprint and source.</summary>
public sealed partial class EnsureApiKeyActivity(IRunwayApiKeyProvider keys, ILogger<EnsureApiKeyActivity> logger) : TaskActivity<string, ApiKeyCheck>
{
    public override async Task<ApiKeyCheck> RunAsync(TaskActivityContext context, string generationId)
    {
        using var span = RunwayRelayTelemetry.StartTask(GenerationTasks.EnsureApiKey, context, generationId);
        try
        {
            var key = await keys.GetAsync().ConfigureAwait(false);
            Log.KeyAvailable(logger, generationId, key.Fingerprint, key.Source);
            return new ApiKeyAvailable(key.Fingerprint, key.Source);
        }
        catch (RunwayApiKeyException e)
        {
            // The provider's messages are written to be key-free and actionable.
            Log.KeyUnavailable(logger, generationId, e.Message);
            return new ApiKeyUnavailable(e.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Generation {GenerationId}: Runway API key sha256:{Fingerprint} from {Source}")]
        public static partial void KeyAvailable(ILogger logger, string generationId, string fingerprint, string source);

        [LoggerMessage(2, LogLevel.Error, "Generation {GenerationId}: Runway API key unavailable: {Reason}")]
        public static partial void KeyUnavailable(ILogger logger, string generationId, string reason);
    }
}
