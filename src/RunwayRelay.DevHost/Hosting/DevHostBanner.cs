using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using RunwayRelay.DevHost.Access;
using RunwayRelay.DevHost.Durable;
using RunwayRelay.DevHost.Runway;
using RunwayRelay.Http;
using RunwayRelay.Http.OpenApi;

namespace RunwayRelay.DevHost.Hosting;

/// <summary>
/// The lines a developer reads once the DevHost listens: where the API, its docs, Runway and storage are. Written to
/// the console rather than logged, so the log filters that keep signed URLs out of the logs never hide it.
/// </summary>
internal static class DevHostBanner
{
    public static void Print(DevHostInfo info, IServiceProvider services, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        string listening = addresses.FirstOrDefault() ?? info.Url.GetLeftPart(UriPartial.Authority);
        var options = services.GetRequiredService<IOptions<DevHostOptions>>().Value;
        string storage = DevHostStorage.Describe(DevHostStorage.ConnectionString(services.GetRequiredService<IConfiguration>()));
        output.WriteLine($"RunwayRelay DevHost listening on {listening}");
        output.WriteLine($"  HTTP API   POST {listening}{GenerationsEndpointRouteBuilderExtensions.CollectionRoute}");
        output.WriteLine($"  API docs   {listening}{DevHostBuilderExtensions.ApiDocsRoute} (OpenAPI: {listening}{GenerationsOpenApi.DocumentRoute})");
        output.WriteLine(info.Runway.Embedded
            ? $"  Runway     embedded emulator at {listening}{RunwayTarget.EmbeddedPrefix} (no credits spent; set RUNWAYML_BASE_URL to use another)"
            : $"  Runway     {info.Runway.BaseUrl}");
        output.WriteLine($"  Storage    {storage} (task hub {options.TaskHub})");
        if (info.SigningSecretPath is not null)
        {
            output.WriteLine($"  Callbacks  signing secret kept in {info.SigningSecretPath}");
        }
        if (options.AllowRemote)
        {
            output.WriteLine($"  Access     remote callers allowed; every request needs DevHost__ApiKey as {FunctionKeys.HeaderName} or ?{FunctionKeys.QueryName}=");
        }
    }
}
