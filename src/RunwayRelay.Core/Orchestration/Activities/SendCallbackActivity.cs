using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using RunwayRelay.Callbacks;
using RunwayRelay.Storage;

namespace RunwayRelay.Orchestration;

/// <summary>
/// Posts the signed completion notice to the callback URL kept in the payload store (it may carry a token, so it is
/// never in durable state). Throws on answers worth retrying; a permanent refusal is logged by the sender and ends it.
/// </summary>
public sealed partial class SendCallbackActivity(CompletionCallbackSender sender, GenerationPayloadStore payloads, ILogger<SendCallbackActivity> logger)
    : TaskActivity<SendCallbackInput, object?>
{
    public override async Task<object?> RunAsync(TaskActivityContext context, SendCallbackInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var url = input.CallbackUrl ?? (await payloads.GetAsync(input.GenerationId).ConfigureAwait(false))?.CallbackUrl;
        if (url is null)
        {
            Log.NoUrl(logger, input.GenerationId);
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
