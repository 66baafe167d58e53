using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using RunwayRelay.Http.OpenApi;

namespace RunwayRelay.Http;

public static class GenerationsEndpointRouteBuilderExtensions
{
    public const string CollectionRoute = "/api/generations";
    public const string UsageRoute = "/api/usage";
    public const string UsageName = "GetUsage";

    /// <summary>Endpoint names, also the OpenAPI operation ids and the Functions' function names.</summary>
    public const string StartName = "StartGeneration";
    public const string StatusName = "GetGeneration";
    public const string CancelName = "CancelGeneration";
    public const string SubscribeName = "SubscribeGeneration";
    public const string UnsubscribeName = "UnsubscribeGeneration";
    public const string RedeliverName = "RedeliverGenerationCallback";
    public const string RedeliverRoute = "{id}/callback/redeliver";
    public const string QuoteName = "QuoteGeneration";
    public const string QuoteRoute = "quote";
    public const string SubscribeRoute = "subscribe";
    public const string UnsubscribeRoute = "unsubscribe";

    /// <summary>
    /// Maps <c>POST /api/generations</c>, <c>GET /api/generations/{id}</c>, <c>DELETE /api/generations/{id}</c> and the
    /// webhook pair <c>POST /api/generations/subscribe</c> and <c>/unsubscribe</c>, <c>POST /api/generations/{id}/callback/redeliver</c>
    /// and <c>POST /api/generations/quote</c> to <see cref="GenerationsApi"/> (registered by <c>AddRunwayRelay</c>), using the
    /// <see cref="DurableTaskClient"/> from DI; and <c>GET /api/usage</c> to <see cref="UsageApi"/>.
    /// Returns the group so a host can add authorization or rate limiting.
    /// </summary>
    public static RouteGroupBuilder MapGenerationsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(CollectionRoute).WithTags("Generations").WithMetadata(GenerationsApiMetadata.Instance);

        // The handler reads the body itself (size limit, every field's problem at once), so no [FromBody] binding.
        // No .Accepts<>() either: routing turns it into a content-type constraint and answers a non-JSON body with a bare
        // 415 of its own (empty body, not problem+json) before the handler runs; the Functions triggers have no such route.
        // The OpenAPI document gets the body and the problem answers from GenerationsDocumentTransformer instead.
        group.MapPost("", (HttpRequest request, [FromServices] GenerationsApi api, [FromServices] DurableTaskClient client, CancellationToken ct)
                => api.StartAsync(request, client, ct))
            .WithName(StartName)
            .Produces<GenerationAcceptedResponse>(StatusCodes.Status202Accepted);

        // The Logic Apps HTTP Webhook action's pair; literal segments win over {id} in routing, and no id is ever "subscribe".
        group.MapPost(SubscribeRoute, (HttpRequest request, [FromServices] GenerationsApi api, [FromServices] DurableTaskClient client, CancellationToken ct)
                => api.SubscribeAsync(request, client, ct))
            .WithName(SubscribeName)
            .Produces<GenerationAcceptedResponse>(StatusCodes.Status201Created);

        group.MapPost(UnsubscribeRoute, (HttpRequest request, [FromServices] GenerationsApi api, [FromServices] DurableTaskClient client, CancellationToken ct)
                => api.UnsubscribeAsync(request, client, ct))
            .WithName(UnsubscribeName)
            .Produces<GenerationCancelResponse>(StatusCodes.Status200OK);

        group.MapPost(QuoteRoute, (HttpRequest request, [FromServices] GenerationsApi api, CancellationToken ct)
                => api.QuoteAsync(request, ct))
            .WithName(QuoteName)
            .Produces<GenerationQuoteResponse>(StatusCodes.Status200OK);

        group.MapGet("{id}", (HttpRequest request, string id, [FromServices] GenerationsApi api, [FromServices] DurableTaskClient client, CancellationToken ct)
                => api.GetStatusAsync(request, id, client, ct))
            .WithName(StatusName)
            .Produces<GenerationSucceededResponse>(StatusCodes.Status200OK)
            .Produces<GenerationStatusResponse>(StatusCodes.Status202Accepted);

        group.MapDelete("{id}", (HttpRequest request, string id, [FromServices] GenerationsApi api, [FromServices] DurableTaskClient client, CancellationToken ct)
                => api.CancelAsync(request, id, client, ct))
            .WithName(CancelName)
            .Produces<GenerationCancelResponse>(StatusCodes.Status200OK)
            .Produces<GenerationCancelResponse>(StatusCodes.Status202Accepted);

        group.MapPost(RedeliverRoute, (HttpRequest request, string id, [FromServices] GenerationsApi api, [FromServices] DurableTaskClient client, CancellationToken ct)
                => api.RedeliverCallbackAsync(request, id, client, ct))
            .WithName(RedeliverName)
            .Produces<GenerationRedeliverResponse>(StatusCodes.Status202Accepted);
        endpoints.MapGet(UsageRoute, (HttpRequest request, [FromServices] UsageApi api, CancellationToken ct) => api.GetAsync(request, ct))
            .WithTags("Usage")
            .WithMetadata(GenerationsApiMetadata.Instance)
            .WithName(UsageName)
            .Produces<UsageResponse>(StatusCodes.Status200OK);

        return group;
    }
}
