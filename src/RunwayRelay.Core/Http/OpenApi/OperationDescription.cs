using Microsoft.OpenApi;

namespace RunwayRelay.Http.OpenApi;

/// <summary>
/// What <see cref="GenerationsDocumentTransformer"/> adds to one operation of the generated document. The parts are
/// applied in the order they are declared here, which is the order the checked-in document lists them in.
/// </summary>
internal sealed record OperationDescription(string Summary, string Description)
{
    /// <summary>Added after the route's own parameters.</summary>
    public IReadOnlyList<OpenApiParameter> Parameters { get; init; } = [];

    public Func<OpenApiDocument, OpenApiRequestBody>? RequestBody { get; init; }

    /// <summary>The route has an <c>{id}</c> parameter to describe.</summary>
    public bool HasGenerationId { get; init; }

    /// <summary>The answer that carries <c>Location</c> and <c>Retry-After</c>.</summary>
    public int? LocationStatus { get; init; }

    public IReadOnlyList<ProblemAnswer> Problems { get; init; } = [];

    /// <summary>The problem answer whose <c>Retry-After</c> says when the daily budget turns.</summary>
    public int? BudgetRetryAfterStatus { get; init; }

    /// <summary>Anything else, on the whole document.</summary>
    public Action<OpenApiDocument>? Complete { get; init; }
}
