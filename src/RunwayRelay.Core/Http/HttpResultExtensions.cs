using Microsoft.AspNetCore.Http;

namespace RunwayRelay.Http;

internal static class HttpResultExtensions
{
    public static IResult WithHeaders(this IResult result, params (string Name, string Value)[] headers) =>
        new HeadersResult(result, headers.Select(h => KeyValuePair.Create(h.Name, h.Value)).ToArray());
}
