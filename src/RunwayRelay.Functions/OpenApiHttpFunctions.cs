using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using RunwayRelay.Http.OpenApi;

namespace RunwayRelay.Functions;

/// <summary>
/// <c>GET /api/openapi.json</c>: the API's OpenAPI document, the same one the DevHost generates. Anonymous and
/// read-only: it describes the API and holds nothing secret, so tools can fetch it without a function key.
/// </summary>
public sealed class OpenApiHttpFunctions
{
    public const string Document = "GetOpenApiDocument";

    [Function(Document)]
    public IResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request)
        => OpenApiDocumentFile.Result();
}
