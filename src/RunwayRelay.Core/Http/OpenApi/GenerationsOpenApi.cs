using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace RunwayRelay.Http.OpenApi;

/// <summary>
/// The OpenAPI document of the HTTP API, generated from the routes <see cref="GenerationsEndpointRouteBuilderExtensions.MapGenerationsApi"/>
/// maps (ASP.NET Core's own generator) and completed by <see cref="GenerationsDocumentTransformer"/> with what the
/// hand-written body reader and the problem answers cannot declare as endpoint metadata.
/// </summary>
public static class GenerationsOpenApi
{
    public const string DocumentName = "v1";

    /// <summary>Where both hosts serve the document; under <c>/api</c> like the API itself (the Functions default prefix).</summary>
    public const string DocumentRoute = "/api/openapi.json";

    public static IServiceCollection AddGenerationsOpenApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOpenApi(DocumentName, options =>
        {
            // Only the generations API: the DevHost also maps the embedded emulator, which is not part of this API.
            options.ShouldInclude = description =>
                description.ActionDescriptor.EndpointMetadata.OfType<GenerationsApiMetadata>().Any();
            // The host's JSON options read numbers from strings too, so the generator types numbers as "number or
            // string"; the API writes them with RunwayRelayJson.Web, as numbers only.
            options.AddSchemaTransformer((schema, _, _) =>
            {
                if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String) &&
                    (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
                {
                    schema.Type = type & ~JsonSchemaType.String;
                    schema.Pattern = null;
                }
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer<GenerationsDocumentTransformer>();
        });
        return services;
    }

    /// <summary>Serves the document generated at request time at <see cref="DocumentRoute"/>.</summary>
    public static IEndpointConventionBuilder MapGenerationsOpenApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapOpenApi(DocumentRoute);
    }
}
