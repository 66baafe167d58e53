using Microsoft.AspNetCore.Http;

namespace RunwayRelay.Http;

/// <summary>An <see cref="IResult"/> with extra response headers (Retry-After, Location) set before the inner result runs.</summary>
public sealed class HeadersResult(IResult inner, IReadOnlyList<KeyValuePair<string, string>> headers) : IResult, IStatusCodeHttpResult
{
    public IResult Inner { get; } = inner;

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; } = headers;

    public int? StatusCode => (Inner as IStatusCodeHttpResult)?.StatusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        foreach (var (name, value) in Headers)
        {
            httpContext.Response.Headers[name] = value;
        }
        return Inner.ExecuteAsync(httpContext);
    }
}
