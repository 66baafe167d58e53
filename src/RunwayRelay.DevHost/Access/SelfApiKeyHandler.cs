using Microsoft.Extensions.Options;
using RunwayRelay.Http;

namespace RunwayRelay.DevHost.Access;

/// <summary>
/// Adds the DevHost key to the DevHost's own calls to itself (its embedded emulator's API and output files), and to
/// nothing else, so the key never leaves the process towards Runway or a callback receiver.
/// </summary>
public sealed class SelfApiKeyHandler(Uri self, IOptions<DevHostOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        if (settings.AllowRemote && settings.ApiKey is { } key && request.RequestUri is { } uri
            && Uri.Compare(uri, self, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
        {
            request.Headers.TryAddWithoutValidation(FunctionKeys.HeaderName, key);
        }
        return base.SendAsync(request, cancellationToken);
    }
}
