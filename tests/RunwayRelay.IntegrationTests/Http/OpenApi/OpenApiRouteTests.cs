using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using RunwayRelay.DevHost.Hosting;
using RunwayRelay.Health;
using RunwayRelay.Http.OpenApi;
using RunwayRelay.IntegrationTests.Functions;

namespace RunwayRelay.IntegrationTests.Http.OpenApi;

/// <summary>
/// Every operation of the checked-in document is a real route of both hosts: the DevHost's endpoints (its app built as
/// <c>Program.cs</c> builds it, not started) and the HTTP triggers of the Functions app's generated functions.metadata
/// (routes under the default <c>api/</c> prefix). The same for the Power Platform connector generated from it.
/// </summary>
public sealed class OpenApiRouteTests : IAsyncLifetime
{
    private const string FunctionsPrefix = "api/";
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "runwayrelay-openapi-" + Guid.NewGuid().ToString("N")[..8]);
    private WebApplication? _devhost;

    public Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["DevHost:DataDirectory"] = _dataDirectory });
        builder.AddDevHost();
        _devhost = builder.Build();
        _devhost.MapDevHost();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_devhost is not null)
        {
            await _devhost.DisposeAsync();
        }
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (DirectoryNotFoundException) { }
    }

    [Fact]
    public void CheckedInDocument_EveryOperation_IsARouteOfTheDevHost()
    {
        var routes = DevHostRoutes();
        Assert.NotEmpty(CheckedInOpenApi.Operations());
        foreach (var operation in CheckedInOpenApi.Operations())
        {
            Assert.Contains(operation, routes);
        }
    }

    [Fact]
    public void DevHost_EveryGenerationsRoute_IsInTheCheckedInDocument()
    {
        string prefix = GenerationsEndpointRouteBuilderExtensions.CollectionRoute.TrimStart('/');
        string usage = GenerationsEndpointRouteBuilderExtensions.UsageRoute.TrimStart('/');
        var generations = DevHostRoutes().Where(r => r.Path.StartsWith(prefix, StringComparison.Ordinal) || r.Path == usage).ToList();

        Assert.Equal(8, generations.Count);
        Assert.Contains((prefix + "/" + GenerationsEndpointRouteBuilderExtensions.QuoteRoute, "post"), generations);
        Assert.Contains((usage, "get"), generations);
        // The health report is the one operation outside /api/generations and /api/usage.
        var health = (HealthEndpointRouteBuilderExtensions.Route.TrimStart('/'), "get");
        Assert.Contains(health, DevHostRoutes());
        Assert.Equal(generations.Append(health).Order(), CheckedInOpenApi.Operations().Order());
        // The document's own route and the reference page are DevHost routes too (and not operations of the API).
        Assert.Contains((GenerationsOpenApi.DocumentRoute.TrimStart('/'), "get"), DevHostRoutes());
        Assert.Contains(DevHostRoutes(), r => r.Path.StartsWith(DevHostBuilderExtensions.ApiDocsRoute.TrimStart('/'), StringComparison.Ordinal));
    }

    [Fact]
    public void CheckedInDocument_EveryOperation_IsAnHttpTriggerOfTheFunctionsApp()
    {
        var triggers = FunctionsRoutes();
        foreach (var operation in CheckedInOpenApi.Operations())
        {
            Assert.Contains(operation, triggers);
        }
    }

    [Fact]
    public void CheckedInConnector_EveryOperation_IsARouteOfTheDevHostAndAnHttpTriggerOfTheFunctionsApp()
    {
        var devhost = DevHostRoutes();
        var triggers = FunctionsRoutes();
        var operations = CheckedInConnector.Operations();

        Assert.NotEmpty(operations);
        foreach (var (path, method, _) in operations)
        {
            Assert.Contains((path, method), devhost);
            Assert.Contains((path, method), triggers);
        }
        // The trigger's unsubscribe is a DELETE on the Location its subscribe answers: the status route.
        Assert.Contains(("api/generations/{id}", "delete"), operations.Select(o => (o.Path, o.Method)));
    }

    [Fact]
    public void FunctionsMetadata_OpenApiTrigger_IsAnAnonymousGetAtTheDevHostsDocumentRoute()
    {
        var trigger = Assert.Single(FunctionsBuildOutput.Bindings(), b => b.Function == "GetOpenApiDocument" && b.Binding.GetProperty("type").GetString() == "httpTrigger").Binding;

        Assert.Equal(GenerationsOpenApi.DocumentRoute, "/" + FunctionsPrefix + trigger.GetProperty("route").GetString());
        Assert.Equal(["get"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString(), ignoreCase: true);
    }

    /// <summary>Route patterns without the slashes around them (the group's <c>""</c> route reads <c>/api/generations/</c>).</summary>
    private List<(string Path, string Method)> DevHostRoutes() =>
        ((IEndpointRouteBuilder)_devhost!).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["get"])
                .Select(m => (e.RoutePattern.RawText!.Trim('/'), m.ToLowerInvariant())))
            .ToList();

    private static List<(string Path, string Method)> FunctionsRoutes() =>
        FunctionsBuildOutput.Bindings().Where(b => b.Binding.GetProperty("type").GetString() == "httpTrigger")
            .SelectMany(b => b.Binding.GetProperty("methods").EnumerateArray()
                .Select(m => (FunctionsPrefix + b.Binding.GetProperty("route").GetString(), m.GetString()!.ToLowerInvariant())))
            .ToList();
}
