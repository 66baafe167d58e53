using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using RunwayRelay.Http;

namespace RunwayRelay.Functions;

/// <summary>
/// The HTTP API on Functions: thin triggers over <see cref="GenerationsApi"/>, the same handlers the DevHost maps.
/// With the ASP.NET Core integration the worker executes the returned <see cref="IResult"/> on the real HttpContext.
/// </summary>
public sealed class GenerationHttpFunctions(GenerationsApi api)
{
    public const string Start = GenerationsEndpointRouteBuilderExtensions.StartName;
    public const string Status = GenerationsEndpointRouteBuilderExtensions.StatusName;
    public const string Cancel = GenerationsEndpointRouteBuilderExtensions.CancelName;
    public const string Subscribe = GenerationsEndpointRouteBuilderExtensions.SubscribeName;
    public const string Unsubscribe = GenerationsEndpointRouteBuilderExtensions.UnsubscribeName;
    public const string Redeliver = GenerationsEndpointRouteBuilderExtensions.RedeliverName;
    public const string Quote = GenerationsEndpointRouteBuilderExtensions.QuoteName;

    [Function(Start)]
    public Task<IResult> StartAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "generations")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
        => api.StartAsync(request, client, request.HttpContext.RequestAborted);

    [Function(Status)]
    public Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "generations/{id}")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client)
        => api.GetStatusAsync(request, id, client, request.HttpContext.RequestAborted);

    [Function(Cancel)]
    public Task<IResult> CancelAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "generations/{id}")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client)
        => api.CancelAsync(request, id, client, request.HttpContext.RequestAborted);

    [Function(Subscribe)]
    public Task<IResult> SubscribeAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "generations/" + GenerationsEndpointRouteBuilderExtensions.SubscribeRoute)] HttpRequest request,
        [DurableClient] DurableTaskClient client)
        => api.SubscribeAsync(request, client, request.HttpContext.RequestAborted);

    [Function(Unsubscribe)]
    public Task<IResult> UnsubscribeAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "generations/" + GenerationsEndpointRouteBuilderExtensions.UnsubscribeRoute)] HttpRequest request,
        [DurableClient] DurableTaskClient client)
        => api.UnsubscribeAsync(request, client, request.HttpContext.RequestAborted);

    [Function(Redeliver)]
    public Task<IResult> RedeliverAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "generations/" + GenerationsEndpointRouteBuilderExtensions.RedeliverRoute)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client)
        => api.RedeliverCallbackAsync(request, id, client, request.HttpContext.RequestAborted);

    [Function(Quote)]
    public Task<IResult> QuoteAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "generations/" + GenerationsEndpointRouteBuilderExtensions.QuoteRoute)] HttpRequest request)
        => api.QuoteAsync(request, request.HttpContext.RequestAborted);
}
