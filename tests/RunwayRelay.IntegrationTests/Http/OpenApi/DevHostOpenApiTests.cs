using System.Text.RegularExpressions;
using RunwayRelay.Http.OpenApi;
using RunwayRelay.IntegrationTests.DevHost;

namespace RunwayRelay.IntegrationTests.Http.OpenApi;

/// <summary>
/// The document as the code generates it: served by a real DevHost process (Kestrel, the ASP.NET Core generator over
/// the mapped routes), compared with the checked-in copy the Functions app serves; and the DevHost's reference page.
/// </summary>
public sealed partial class DevHostOpenApiTests(AzuriteFixture azurite) : AzuriteTestBase(azurite)
{
    [Fact]
    public async Task DevHost_GetOpenApiJson_ServesExactlyTheCheckedInDocument()
    {
        await using var devhost = await DevHostProcess.StartAsync(DevHostProcess.Settings(Azurite.ConnectionString));

        using var response = await devhost.Http.GetAsync(new Uri(GenerationsOpenApi.DocumentRoute, UriKind.Relative));
        string served = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        if (Environment.GetEnvironmentVariable(CheckedInOpenApi.UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(CheckedInOpenApi.Path, served);
        }
        // On a difference: run scripts/update-openapi.sh, review the diff of docs/openapi.json and commit it.
        Assert.True(served == CheckedInOpenApi.Text(),
            $"docs/openapi.json differs from what the code generates: run scripts/update-openapi.sh " +
            $"(or this test with {CheckedInOpenApi.UpdateVariable}=1), then rebuild and commit the file.");
    }

    [Fact]
    public async Task DevHost_GetApiDocs_ServesAReferencePageThatLoadsTheDocument()
    {
        await using var devhost = await DevHostProcess.StartAsync(DevHostProcess.Settings(Azurite.ConnectionString));

        using var page = await devhost.Http.GetAsync(new Uri("/api/docs", UriKind.Relative));
        string html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var pageUrl = page.RequestMessage!.RequestUri!;

        // The page's scripts come from the DevHost itself (no CDN), so the page works offline.
        var scripts = ScriptSources().Matches(html).Select(m => new Uri(pageUrl, m.Groups["src"].Value)).ToList();
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            using var js = await devhost.Http.GetAsync(script);
            Assert.True(js.IsSuccessStatusCode, $"{script} answered {(int)js.StatusCode}");
        }

        // Where the page fetches the document, resolved as scalar.aspnetcore.js does: the source URL relative to the
        // page's path without the suffix given to initialize().
        var init = Initialize().Match(html);
        Assert.True(init.Success, "the page does not call initialize(path, ..., {sources}) as expected:\n" + html);
        string suffix = Uri.UnescapeDataString(init.Groups["path"].Value);
        string basePath = pageUrl.AbsolutePath.EndsWith(suffix, StringComparison.Ordinal) ? pageUrl.AbsolutePath[..^suffix.Length] : "";
        var documentUrl = new Uri(new Uri(pageUrl.GetLeftPart(UriPartial.Authority) + basePath + "/"), init.Groups["url"].Value);

        Assert.Equal(GenerationsOpenApi.DocumentRoute, documentUrl.AbsolutePath);
        Assert.Equal(CheckedInOpenApi.Text(), await devhost.Http.GetStringAsync(documentUrl));
        // The start-up banner says where the page is.
        Assert.Contains($"API docs   {devhost.Url.GetLeftPart(UriPartial.Authority)}/api/docs", devhost.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex("<script[^>]*\\ssrc=\"(?<src>[^\"]+)\"")]
    private static partial Regex ScriptSources();

    [GeneratedRegex("initialize\\(\\s*'(?<path>[^']*)'.*?\"sources\":\\[\\{[^}]*\"url\":\"(?<url>[^\"]+)\"", RegexOptions.Singleline)]
    private static partial Regex Initialize();
}
