using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using RunwayRelay.Callbacks;
using RunwayRelay.Generations;
using RunwayRelay.Orchestration;

namespace RunwayRelay.Http;

/// <summary>
/// <c>GET /api/generations/{id}</c>, and the same final answer rendered to bytes for a webhook subscription's callback.
/// </summary>
public sealed partial class GenerationsApi
{
    /// <summary><c>GET /api/generations/{id}</c>: 202 while running, 200 with the videos, problem+json on failure, 404 unknown.</summary>
    public Task<IResult> GetStatusAsync(HttpRequest request, string id, DurableTaskClient client, CancellationToken cancellationToken = default) =>
        WithGenerationAsync(request, id, client, (generation, urls) => StatusOfAsync(generation, urls, client, cancellationToken), cancellationToken);

    /// <summary>
    /// Renders what <c>GET /api/generations/{id}</c> answers for <paramref name="outcome"/> (the same <see cref="IResult"/>,
    /// executed on a detached context with the host's services, so the bytes match a GET's exactly).
    /// </summary>
    public async Task<FinalStatusBody> RenderFinalStatusAsync(string id, GenerationOutcome outcome, Uri statusUrl, IServiceProvider services,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(statusUrl);
        ArgumentNullException.ThrowIfNull(services);
        var result = Finished(id, outcome, new GenerationUrls(id, statusUrl));
        using var buffer = new MemoryStream();
        var context = new DefaultHttpContext { RequestServices = services, RequestAborted = cancellationToken };
        context.Response.Body = buffer;
        await result.ExecuteAsync(context).ConfigureAwait(false);
        return new FinalStatusBody(context.Response.StatusCode, context.Response.ContentType ?? "application/json", buffer.ToArray());
    }

    private async Task<IResult> StatusOfAsync(GenerationInstance generation, GenerationUrls urls, DurableTaskClient client, CancellationToken cancellationToken)
    {
        string id = generation.Id;
        switch (generation.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Completed:
                return Finished(id, generation.ReadOutcome(), urls,
                    await generation.ReadCallbackDeliveryAsync(client, cancellationToken).ConfigureAwait(false));
            case OrchestrationRuntimeStatus.Failed:
                return GenerationProblems.Failure(id, GenerationPhase.Failed, GenerationErrorCodes.OrchestrationFailed,
                    $"The generation stopped on an unexpected error: {generation.FailureMessage ?? "no details"}",
                    generation.ReadProgress()?.RunwayTaskId, urls.Status);
            case OrchestrationRuntimeStatus.Terminated:
                return GenerationProblems.Failure(id, GenerationPhase.Cancelled, GenerationErrorCodes.Terminated,
                    "The generation was terminated by an operator; its Runway task, if any, was not cancelled by RunwayRelay.",
                    generation.ReadProgress()?.RunwayTaskId, urls.Status);
            default:
                var progress = generation.ReadProgress();
                if (progress?.Outcome is { } ended)
                {
                    // Ended; the orchestration is only starting the callback's delivery and releasing the payload.
                    return Finished(id, ended, urls, await generation.ReadCallbackDeliveryAsync(client, cancellationToken).ConfigureAwait(false));
                }
                var input = generation.ReadInput();
                var status = new GenerationStatusResponse(id, (progress?.Phase ?? GenerationPhase.Accepted).ToString(), progress?.RunwayStatus?.ToString(),
                    progress?.Progress, progress?.RunwayTaskId, urls.Status, urls.Status, input?.EstimatedCredits,
                    input?.Checkpoint?.ThrottledFor is { } throttled ? TimeSpan.FromMilliseconds(Math.Round(throttled.TotalMilliseconds)) : null);
                return WithPollHeaders(Json(status, StatusCodes.Status202Accepted), urls);
        }
    }

    /// <summary>The final answer; <paramref name="callback"/> (the delivery's state) is left out of what a subscription's callback gets.</summary>
    private IResult Finished(string id, GenerationOutcome? outcome, GenerationUrls urls, CallbackDeliveryStatus? callback = null)
    {
        if (outcome is null)
        {
            return GenerationProblems.Failure(id, GenerationPhase.Failed, GenerationErrorCodes.NoOutcome,
                "The generation finished without an outcome.", null, urls.Status);
        }
        if (outcome.Status == GenerationPhase.Succeeded)
        {
            var videos = outcome.Videos.Select(_links.WithDownloadUrl).ToList();
            return Json(new GenerationSucceededResponse(id, outcome.Status.ToString(), outcome.RunwayTaskId, videos, outcome.EstimatedCredits, outcome.CreditsSpent, callback),
                StatusCodes.Status200OK);
        }
        return GenerationProblems.Failure(id, outcome.Status, outcome.ErrorCode,
            outcome.ErrorMessage ?? $"The generation ended {outcome.Status}.", outcome.RunwayTaskId, urls.Status, outcome, callback);
    }
}
