using System.Net.Http.Json;

namespace RunwayRelay.IntegrationTests.DevHost;

/// <summary>
/// A DevHost bound beyond loopback: refused unless allowed, and then only with its API key. The bind may be 0.0.0.0, but
/// every request here goes to 127.0.0.1 (the decision is made on the bind address, so this is still the remote case).
/// </summary>
public sealed class DevHostRemoteAccessTests(AzuriteFixture azurite) : AzuriteTestBase(azurite)
{
    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.0.2.10")] // a LAN-style address (TEST-NET-1): refused before anything binds
    public async Task DevHost_NonLoopbackUrlWithoutAllowRemote_ExitsWithOneActionableLine(string host)
    {
        var settings = DevHostProcess.Settings(Azurite.ConnectionString);
        string url = $"http://{host}:{FreePort.Next()}";
        settings["DEVHOST_URL"] = url;
        await using var devhost = await DevHostProcess.StartAsync(settings, waitUntilHealthy: false);

        int code = await devhost.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, code);
        var line = Assert.Single(devhost.Output.Split('\n'), l => l.StartsWith("Invalid setting:", StringComparison.Ordinal));
        Assert.Equal($"Invalid setting: DEVHOST_URL {url} is not a loopback address: use http://127.0.0.1:<port>, " +
            "or set DevHost__AllowRemote=true and DevHost__ApiKey to let other machines in.", line);
        Assert.DoesNotContain("Unhandled exception", devhost.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevHost_AllowRemoteWithShortKey_ExitsNamingDevHostApiKey()
    {
        var settings = DevHostProcess.Settings(Azurite.ConnectionString);
        string shortKey = "only-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        settings["DEVHOST_URL"] = $"http://0.0.0.0:{FreePort.Next()}";
        settings["DevHost__AllowRemote"] = "true";
        settings["DevHost__ApiKey"] = shortKey;
        await using var devhost = await DevHostProcess.StartAsync(settings, waitUntilHealthy: false);

        int code = await devhost.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, code);
        Assert.Contains("Invalid setting: DevHost__ApiKey must be set to at least 32 characters when DevHost__AllowRemote=true",
            devhost.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(shortKey, devhost.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevHost_AllowRemoteWithKey_RefusesRequestsWithoutTheKeyAndServesThoseWithIt()
    {
        int port = FreePort.Next();
        string key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        // The embedded emulator: the DevHost's calls to itself must pass its own key check too.
        var settings = DevHostProcess.Settings(Azurite.ConnectionString);
        settings["Emulator__TimeScale"] = "0.01";
        settings["DEVHOST_URL"] = $"http://0.0.0.0:{port}";
        settings["DevHost__AllowRemote"] = "true";
        settings["DevHost__ApiKey"] = key;
        await using var devhost = await DevHostProcess.StartAsync(settings, waitUntilHealthy: false);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        await WaitUntilHealthyAsync(http, devhost, $"/healthz?code={key}");

        foreach (var (path, presented) in new[]
        {
            ("/healthz", null), ("/api/generations/g-nothing", null), ("/api/generations/g-nothing", key[..^1] + "x"), ("/runway/v1/organization", null),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (presented is not null)
            {
                request.Headers.Add("x-functions-key", presented);
            }
            using var refused = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("x-functions-key", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/generations") { Content = JsonContent.Create(DevHostProcess.TextToVideo) };
        post.Headers.Add("x-functions-key", key);
        using var accepted = await http.SendAsync(post);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        string id = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        HttpResponseMessage status;
        while ((status = await http.GetAsync($"/api/generations/{id}?code={key}")).StatusCode == HttpStatusCode.Accepted)
        {
            status.Dispose();
            Assert.True(DateTime.UtcNow < deadline, $"generation {id} still running after 60 s:\n{devhost.Output}");
            await Task.Delay(200);
        }
        using (status)
        {
            string body = await status.Content.ReadAsStringAsync();
            Assert.True(status.StatusCode == HttpStatusCode.OK, $"{(int)status.StatusCode}: {body}\n{devhost.Output}");
            Assert.Equal("Succeeded", JsonDocument.Parse(body).RootElement.GetProperty("status").GetString());
        }

        // The emulator's admin routes take no key of their own: not there at all beyond loopback.
        using var admin = await http.GetAsync($"/runway/_emulator/requests?code={key}");
        Assert.Equal(HttpStatusCode.NotFound, admin.StatusCode);

        // Loopback callbacks are allowed by default only while the DevHost is bound to loopback.
        using var withCallback = new HttpRequestMessage(HttpMethod.Post, "/api/generations")
        {
            Content = JsonContent.Create(new
            {
                endpoint = "text_to_video", model = "gen4.5", promptText = "a lighthouse at dusk", ratio = "1280:720", duration = 5,
                callbackUrl = "http://127.0.0.1:9/done",
            }),
        };
        withCallback.Headers.Add("x-functions-key", key);
        using var refusedCallback = await http.SendAsync(withCallback);
        Assert.Equal(HttpStatusCode.BadRequest, refusedCallback.StatusCode);
        Assert.True(JsonDocument.Parse(await refusedCallback.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("callbackUrl", out _));

        Assert.DoesNotContain(key, devhost.Output, StringComparison.Ordinal);
    }

    private static async Task WaitUntilHealthyAsync(HttpClient http, DevHostProcess devhost, string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(devhost.HasExited, $"the DevHost exited:\n{devhost.Output}");
            try
            {
                using var health = await http.GetAsync(path);
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            Assert.True(DateTime.UtcNow < deadline, $"the DevHost was not healthy within 60 s:\n{devhost.Output}");
            await Task.Delay(100);
        }
    }
}
