using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using RunwayRelay.Emulator;

namespace RunwayRelay.IntegrationTests.Emulator;

/// <summary>A host reachable from other machines maps the emulator without its keyless admin routes.</summary>
public sealed class EmulatorAdminMappingTests
{
    [Fact]
    public async Task MapRunwayEmulator_WithoutAdmin_ServesApiAndOutputsButNoAdminRoutes()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddRunwayEmulator(o =>
        {
            o.QueueTime = TimeSpan.Zero;
            o.GenerationTime = TimeSpan.FromMilliseconds(50);
        });
        await using var app = builder.Build();
        app.MapRunwayEmulator("/runway", includeAdmin: false);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        string key = RunwayEmulatorServer.CreateApiKey();

        using var created = await http.SendAsync(Runway(HttpMethod.Post, "/runway/v1/text_to_video", key,
            JsonContent.Create(new { model = "gen4.5", promptText = "x", ratio = "1280:720", duration = 2 })));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        string taskId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        await Task.Delay(150);
        using var task = await http.SendAsync(Runway(HttpMethod.Get, $"/runway/v1/tasks/{taskId}", key));
        string output = JsonDocument.Parse(await task.Content.ReadAsStringAsync()).RootElement.GetProperty("output")[0].GetString()!;
        using var download = await http.GetAsync(output);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);

        foreach (var (method, path) in new[] { (HttpMethod.Get, "requests"), (HttpMethod.Post, "reset"), (HttpMethod.Get, "credits"), (HttpMethod.Patch, "options") })
        {
            using var admin = await http.SendAsync(new HttpRequestMessage(method, $"/runway/_emulator/{path}") { Content = new StringContent("{}") });
            Assert.Equal(HttpStatusCode.NotFound, admin.StatusCode);
        }
        await app.StopAsync();
    }

    private static HttpRequestMessage Runway(HttpMethod method, string path, string key, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {key}");
        request.Headers.TryAddWithoutValidation("X-Runway-Version", "2024-11-06");
        return request;
    }
}
