using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using RunwayRelay.Callbacks;
using RunwayRelay.Generations;
using RunwayRelay.Http;
using RunwayRelay.Storage;
using RunwayRelay.Telemetry;

namespace RunwayRelay.Orchestration;

/// <summary>
/// One attempt at one callback event. The address comes from the <see cref="CallbackTargetStore"/> (after the end) or
/// the payload (while the generation runs), never from durable state. The body is the event in the Standard Webhooks
/// shape, except for a Logic Apps subscription: its completed event is the status body a GET answers, rendered now so
/// download links are fresh, and it gets no other events (Logic Apps would take the first call as the result).
/// </summary>
public sealed class DeliverCallbackActivity(CompletionCallbackSender sender, CallbackTargetStore targets, GenerationPayloadStore payloads,
    IServiceProvider services)
    : TaskActivity<DeliverCallbackInput, CallbackAttemptResult>
{
    private static readonly JsonSerializerOptions Json = RunwayRelayJson.Web;

    /// <summary>About the shortest poll interval: what one best-effort attempt may take.</summary>
    public static readonly TimeSpan BestEffortTimeout = TimeSpan.FromSeconds(5);

    public override async Task<CallbackAttemptResult> RunAsync(TaskActivityContext context, DeliverCallbackInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var span = RunwayRelayTelemetry.StartTask(GenerationTasks.DeliverCallback, context, input.GenerationId);
        var target = await targets.GetAsync(input.GenerationId).ConfigureAwait(false);
        if (target is null && await payloads.GetAsync(input.GenerationId).ConfigureAwait(false) is { CallbackUrl: { } url } payload)
        {
            target = new CallbackTarget(url, payload.StatusUrl);
        }
        if (target is null)
        {
            return new CallbackAttemptResult(CallbackAttemptOutcome.Refused, Error: "No callback address is kept for this generation any more.");
        }

        byte[] body;
        string contentType = "application/json";
        if (target.StatusUrl is { } statusUrl)
        {
            if (input.Notice is not { } notice)
            {
                return new CallbackAttemptResult(CallbackAttemptOutcome.Refused, Error: "A webhook subscription gets only the completed event.");
            }
            // Resolved here, not injected: a worker without the HTTP API (AddRunwayRelayOrchestration alone) has no
            // GenerationsApi, and only the HTTP API's subscribe route makes payloads with a status URL.
            var api = services.GetRequiredService<GenerationsApi>();
            var outcome = new GenerationOutcome(notice.Status, notice.RunwayTaskId, notice.Videos, notice.ErrorCode, notice.ErrorMessage)
            {
                EstimatedCredits = notice.EstimatedCredits, CreditsSpent = notice.CreditsSpent, ResetsAt = notice.ResetsAt,
            };
            var rendered = await api.RenderFinalStatusAsync(input.GenerationId, outcome, statusUrl, services).ConfigureAwait(false);
            (body, contentType) = (rendered.Body, rendered.ContentType);
        }
        else
        {
            body = input.Notice is { } notice
                ? JsonSerializer.SerializeToUtf8Bytes(new WebhookEvent<CompletionNotice>(input.EventType, input.Timestamp, notice), Json)
                : JsonSerializer.SerializeToUtf8Bytes(new WebhookEvent<ProgressNotice?>(input.EventType, input.Timestamp, input.Progress), Json);
        }
        // Running and progress events are best effort beside the poll timer: a slow receiver must not hold the poll back.
        TimeSpan? timeout = input.Notice is null ? BestEffortTimeout : null;
        return await sender.SendAsync(target.CallbackUrl, input.GenerationId, input.WebhookId, body, contentType, timeout).ConfigureAwait(false);
    }
}
