using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RunwayRelay.Callbacks;
using RunwayRelay.Generations;
using RunwayRelay.Http;
using RunwayRelay.Storage;

namespace RunwayRelay.Orchestration;

/// <summary>
/// Posts the signed completion notice to the callback URL kept in the payload store (it may carry a token, so it is
/// never in durable state). A webhook subscription (its payload has a status URL) gets the final status body instead,
/// the JSON its GET answers, rendered now so download links are fresh. Throws on answers worth retrying; a permanent
/// refusal is logged by the sender and ends it.
/// </summary>
public sealed partial class SendCallbackActivity(CompletionCallbackSender sender, GenerationPayloadStore payloads,
    IServiceProvider services, ILogger<SendCallbackActivity> logger)
    : TaskActivity<SendCallbackInput, object?>
{
    public override async Task<object?> RunAsync(TaskActivityContext context, SendCallbackInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var payload = input.CallbackUrl is null ? await payloads.GetAsync(input.GenerationId).ConfigureAwait(false) : null;
        var url = input.CallbackUrl ?? payload?.CallbackUrl;
        if (url is null)
        {
            Log.NoUrl(logger, input.GenerationId);
            return null;
        }
        if (payload?.StatusUrl is { } statusUrl)
        {
            var notice = input.Notice;
            var outcome = new GenerationOutcome(notice.Status, notice.RunwayTaskId, notice.Videos, notice.ErrorCode, notice.ErrorMessage)
            {
                EstimatedCredits = notice.EstimatedCredits, CreditsSpent = notice.CreditsSpent, ResetsAt = notice.ResetsAt,
            };
            // Resolved here, not injected: a worker without the HTTP API (AddRunwayRelayOrchestration alone) has no
            // GenerationsApi, and only the HTTP API's subscribe route makes payloads with a status URL.
            var api = services.GetRequiredService<GenerationsApi>();
            var body = await api.RenderFinalStatusAsync(input.GenerationId, outcome, statusUrl, services).ConfigureAwait(false);
            await sender.SendAsync(url, input.GenerationId, body.Body, body.ContentType).ConfigureAwait(false);
            return null;
        }
        await sender.SendAsync(url, input.Notice).ConfigureAwait(false);
        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Generation {GenerationId}: no callback URL in the payload store; callback not sent")]
        public static partial void NoUrl(ILogger logger, string generationId);
    }
}
