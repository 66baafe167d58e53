using System.Net.Http.Json;

namespace RunwayRelay.IntegrationTests.Emulator;

/// <summary>A host reachable from other machines maps the emulator without its keyless admin routes.</summary>
public sealed class EmulatorAdminMappingTests
{
    [Fact]
    public async Task MapRunwayEmulator_WithoutAdmin_ServesApiAndOutputsButNoAdminRoutes()
    {
        await using var emulator = await HostedEmulator.StartAsync("/runway", includeAdmin: false);

        using var created = await emulator.SendAsync(HttpMethod.Post, "/runway/v1/text_to_video",
            JsonContent.Create(new { model = "gen4.5", promptText = "x", ratio = "1280:720", duration = 2 }));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        string taskId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        await Task.Delay(150);
        using var task = await emulator.SendAsync(HttpMethod.Get, $"/runway/v1/tasks/{taskId}");
        string output = JsonDocument.Parse(await task.Content.ReadAsStringAsync()).RootElement.GetProperty("output")[0].GetString()!;
        using var download = await emulator.Http.GetAsync(output);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);

        foreach (var (method, path) in new[] { (HttpMethod.Get, "requests"), (HttpMethod.Post, "reset"), (HttpMethod.Get, "credits"), (HttpMethod.Patch, "options") })
        {
            using var admin = await emulator.Http.SendAsync(new HttpRequestMessage(method, $"/runway/_emulator/{path}") { Content = new StringContent("{}") });
            Assert.Equal(HttpStatusCode.NotFound, admin.StatusCode);
        }
    }
}
