using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace RunwayRelay.Http;

/// <summary>
/// Absolute status and cancel URLs. With <c>Api__PublicBaseUrl</c> they start with that URL (behind a proxy or Front
/// Door the request's own Host is the proxy's business, and echoing a caller's Host would let anyone choose where
/// <c>Location</c> points); without it they are built from the request, whose Host must then be present and well formed.
/// The route path always comes from the request, so the URLs hold under any route prefix.
/// </summary>
internal static class GenerationUrlBuilder
{
    public const string HostHeader = "Host";

    /// <summary>Null when URLs can be built for <paramref name="request"/>; else what is wrong with its Host header.</summary>
    public static string? HostProblem(HttpRequest request, Uri? publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (publicBaseUrl is not null)
        {
            return null;
        }
        if (!request.Host.HasValue)
        {
            return "is missing; send the Host header (HTTP/1.1 requires it), or set Api__PublicBaseUrl on the server";
        }
        if (!TryFromRequest(request, request.Path, QueryString.Empty, out var url)
            || !string.Equals(url.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)
            || (request.Host.Port is { } port && port != url.Port))
        {
            // A Host the URL parser reads differently (a@b, a/b, a space) would point the status URL somewhere else.
            return "is not a well-formed host[:port]; send the server's host name, or set Api__PublicBaseUrl on the server";
        }
        return null;
    }

    /// <summary>The item URL of <paramref name="id"/>; call <see cref="HostProblem"/> first when there is no public base URL.</summary>
    public static Uri Build(HttpRequest request, Uri? publicBaseUrl, string id, bool isCollection, int subSegments = 0)
    {
        ArgumentNullException.ThrowIfNull(request);
        string path = UriPaths.WithoutTrailingSlash(request.Path.Value ?? "");
        // A route below the item ({id}/callback/redeliver) first drops its own segments.
        for (int i = 0; i < subSegments && path.LastIndexOf('/') is var cut and >= 0; i++)
        {
            path = path[..cut];
        }
        if (!isCollection)
        {
            int slash = path.LastIndexOf('/');
            path = slash >= 0 ? path[..slash] : path;
        }
        var itemPath = new PathString(path + "/" + Uri.EscapeDataString(id));
        // A Functions key passed as ?code= is carried over: a Logic App following Location sends no headers of its own.
        var query = request.Query.TryGetValue(FunctionKeys.QueryName, out var code) && code.Count == 1
            ? QueryString.Create(FunctionKeys.QueryName, code[0]!)
            : QueryString.Empty;

        if (publicBaseUrl is not null)
        {
            // The public base replaces scheme, host, port and path base: the proxy maps it onto this app's root.
            string basePath = UriPaths.WithoutTrailingSlash(publicBaseUrl.AbsolutePath);
            return new Uri(publicBaseUrl.GetLeftPart(UriPartial.Authority) + basePath + itemPath.ToUriComponent() + query.ToUriComponent());
        }
        if (!TryFromRequest(request, itemPath, query, out var url))
        {
            throw new InvalidOperationException($"The request's Host cannot make a URL; check {nameof(HostProblem)} first.");
        }
        return url;
    }

    private static bool TryFromRequest(HttpRequest request, PathString path, QueryString query, out Uri url)
    {
        url = null!;
        string text;
        try
        {
            text = UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, path, query);
        }
        catch (ArgumentException)
        {
            // HostString's IDN mapping refuses some non-ASCII hosts.
            return false;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || parsed.Host.Length == 0)
        {
            return false;
        }
        url = parsed;
        return true;
    }
}
