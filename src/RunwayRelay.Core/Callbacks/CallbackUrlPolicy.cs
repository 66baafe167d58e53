using System.Net;
using RunwayRelay.Common;

namespace RunwayRelay.Callbacks;

/// <summary>
/// The checks a callback URL passes before it is accepted and again before it is called: https only; no IP literal
/// that <see cref="CallbackAddressPolicy"/> refuses; no name that only means something on a local network. Loopback
/// (<c>localhost</c>, <c>*.localhost</c>, 127/8, ::1) and http to it only with <c>Callbacks__AllowLoopback=true</c>.
/// Names that resolve somewhere refused are caught when connecting (<see cref="CallbackConnector"/>).
/// </summary>
public static class CallbackUrlPolicy
{
    private const string PublicOnly = "callbacks only go to public internet addresses";
    private const string LoopbackNeedsSetting = "loopback callback URLs need Callbacks__AllowLoopback=true (local runs only)";

    /// <summary>Null when <paramref name="url"/> may be called; else why not, worded to follow the field name.</summary>
    public static string? Check(Uri url, bool allowLoopback)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            return "the callback URL is not absolute";
        }
        string host = LocalHostNames.Normalize(url);
        if (host.Length == 0)
        {
            return "the callback URL has no host";
        }
        bool loopback;
        if (IPAddress.TryParse(host, out var address))
        {
            var verdict = CallbackAddressPolicy.Classify(address);
            loopback = verdict.Class == CallbackAddressClass.Loopback;
            if (loopback && !allowLoopback)
            {
                return $"host {url.Host} is {verdict.Describe()}; {LoopbackNeedsSetting}";
            }
            if (!verdict.IsPublic && !loopback)
            {
                return $"host {url.Host} is {verdict.Describe()}; {PublicOnly}";
            }
        }
        else
        {
            loopback = LocalHostNames.IsLoopback(host);
            if (loopback && !allowLoopback)
            {
                return $"host {url.Host} is a loopback name; {LoopbackNeedsSetting}";
            }
            if (!loopback && LocalHostNames.LocalSuffixOf(host) is { } suffix)
            {
                return $"host {url.Host} is a local network name (*.{suffix}); {PublicOnly}";
            }
            if (!loopback && !host.Contains('.', StringComparison.Ordinal))
            {
                return $"host {url.Host} is a single-label name, which only resolves on a local network; use a fully qualified public host name";
            }
        }
        return url.Scheme == Uri.UriSchemeHttps || (loopback && url.Scheme == Uri.UriSchemeHttp) ? null : "callback URLs must use https";
    }
}
