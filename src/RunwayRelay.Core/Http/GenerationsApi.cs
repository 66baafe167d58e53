using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunwayRelay.Budget;
using RunwayRelay.Callbacks;
using RunwayRelay.Common;
using RunwayRelay.Orchestration;
using RunwayRelay.Runway;
using RunwayRelay.Scheduling;
using RunwayRelay.Storage;

namespace RunwayRelay.Http;

/// <summary>
/// The HTTP API's handlers, host-agnostic: the DevHost maps them with <see cref="GenerationsEndpointRouteBuilderExtensions.MapGenerationsApi"/>,
/// the Functions app calls them from its HTTP triggers with its <c>[DurableClient]</c>. Both answer identically.
/// One file per operation: <c>.Start</c> (start, subscribe, quote), <c>.Intake</c> (reading and judging a request),
/// <c>.Status</c> (status and the final answer), <c>.Cancel</c> (cancel, unsubscribe), <c>.Redeliver</c>; what they
/// read of a generation is <see cref="GenerationInstance"/>.
/// </summary>
public sealed partial class GenerationsApi
{
    private readonly IOptionsMonitor<RunwayOptions> _runway;
    private readonly IOptionsMonitor<GenerationApiOptions> _api;
    private readonly IOptionsMonitor<CallbackOptions> _callbacks;
    private readonly ILogger<GenerationsApi> _logger;
    private readonly IVideoDownloadLinks _links;
    private readonly GenerationScheduler _scheduler;
    private readonly CallbackTargetStore _callbackTargets;
    private readonly BudgetGuard _budget;
    private readonly IOptionsMonitor<BudgetOptions> _budgets;
    private readonly TimeProvider _time;

    public GenerationsApi(IOptionsMonitor<RunwayOptions> runway, IOptionsMonitor<GenerationApiOptions> api,
        IOptionsMonitor<CallbackOptions> callbacks, ILogger<GenerationsApi> logger,
        IVideoDownloadLinks links, GenerationScheduler scheduler, CallbackTargetStore callbackTargets,
        BudgetGuard budget, IOptionsMonitor<BudgetOptions> budgets, TimeProvider time)
    {
        _callbackTargets = callbackTargets;
        _budget = budget;
        _budgets = budgets;
        _time = time;
        _links = links;
        _scheduler = scheduler;
        _runway = runway;
        _api = api;
        _callbacks = callbacks;
        _logger = logger;
    }

    /// <summary>
    /// Runs <paramref name="handle"/> on the generation <paramref name="id"/> names; 404 when there is none, 400 when the
    /// request's Host cannot make its URLs.
    /// </summary>
    private async Task<IResult> WithGenerationAsync(HttpRequest request, string id, DurableTaskClient client,
        Func<GenerationInstance, GenerationUrls, Task<IResult>> handle, CancellationToken cancellationToken, int subSegments = 0)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        if (!GenerationIds.IsWellFormed(id))
        {
            return GenerationProblems.NotFound(id);
        }
        if (UrlProblem(request) is { } badHost)
        {
            return badHost;
        }
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (instance is null || instance.Name != GenerationTasks.Orchestrator)
        {
            return GenerationProblems.NotFound(id);
        }
        return await handle(new GenerationInstance(instance, _logger), UrlsFor(request, id, isCollection: false, subSegments)).ConfigureAwait(false);
    }

    /// <summary>A JSON answer written with the same options on both hosts, whatever their own JSON settings are.</summary>
    private static IResult Json<T>(T body, int statusCode) => TypedResults.Json(body, RunwayRelayJson.Web, statusCode: statusCode);

    /// <summary>What a client polling the generation follows: <c>Location</c> (the status URL) and <c>Retry-After</c>.</summary>
    private IResult WithPollHeaders(IResult result, GenerationUrls urls) =>
        result.WithHeaders(("Location", urls.Status.AbsoluteUri), ("Retry-After", RetryAfterSeconds()));

    private string RetryAfterSeconds() =>
        Math.Max(1, (long)Math.Ceiling(_runway.CurrentValue.PollInterval.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>The absolute status URL (see <see cref="GenerationUrlBuilder"/>); the request's Host was checked first.</summary>
    internal GenerationUrls UrlsFor(HttpRequest request, string id, bool isCollection, int subSegments = 0) =>
        new(id, GenerationUrlBuilder.Build(request, _api.CurrentValue.PublicBase, id, isCollection, subSegments));

    /// <summary>A 400 naming the Host header when no status URL can be built for the request; else null.</summary>
    private IResult? UrlProblem(HttpRequest request)
    {
        if (GenerationUrlBuilder.HostProblem(request, _api.CurrentValue.PublicBase) is not { } problem)
        {
            return null;
        }
        var errors = new ValidationErrors();
        errors.Add(GenerationUrlBuilder.HostHeader, problem);
        return GenerationProblems.InvalidRequest(errors);
    }
}
