using System.Net.Http.Json;

namespace RunwayRelay.IntegrationTests.Emulator;

/// <summary>One emulator per test, reached over real HTTP on 127.0.0.1 with a plain HttpClient.</summary>
public abstract class EmulatorTestBase : IAsyncLifetime
{
    protected const string Version = "2024-11-06";

    protected RunwayEmulatorServer Runway { get; private set; } = null!;

    protected HttpClient Http { get; private set; } = null!;

    protected string Key => Runway.ApiKey;

    protected ShiftableTimeProvider Clock { get; } = new();

    /// <summary>Fast defaults: a task is PENDING 20 ms, then RUNNING 200 ms.</summary>
    protected virtual EmulatorOptions CreateOptions() => new()
    {
        QueueTime = TimeSpan.FromMilliseconds(20),
        GenerationTime = TimeSpan.FromMilliseconds(200),
    };

    public async Task InitializeAsync()
    {
        Runway = await RunwayEmulatorServer.StartAsync(CreateOptions(), Clock);
        Http = new HttpClient { BaseAddress = Runway.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Runway.DisposeAsync();
    }

    protected HttpRequestMessage Request(HttpMethod method, string path, object? body = null, string? key = null, string? version = Version)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {key ?? Key}");
        if (version is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Runway-Version", version);
        }
        if (body is not null)
        {
            request.Content = body is string raw
                ? new StringContent(raw, Encoding.UTF8, "application/json")
                : JsonContent.Create(body);
        }
        return request;
    }

    protected Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? key = null, string? version = Version) =>
        Http.SendAsync(Request(method, path, body, key, version));

    protected static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    protected static object ImageToVideo(string prompt = "A red fox running through snow") => new
    {
        model = "gen4.5",
        promptImage = "https://example.com/fox.png",
        promptText = prompt,
        ratio = "1280:720",
        duration = 5,
    };

    protected async Task<string> CreateTaskAsync(object? body = null, string endpoint = "image_to_video")
    {
        using var response = await SendAsync(HttpMethod.Post, $"/v1/{endpoint}", body ?? ImageToVideo());
        var json = await JsonAsync(response);
        Assert.True(response.IsSuccessStatusCode, $"create answered {(int)response.StatusCode}: {json}");
        return json.GetProperty("id").GetString()!;
    }

    protected async Task<JsonElement> GetTaskAsync(string id)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/v1/tasks/{id}");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    /// <summary>Polls every 20 ms until the task leaves PENDING/THROTTLED/RUNNING; returns every status seen and the last body.</summary>
    protected async Task<(List<string> Seen, JsonElement Final)> WaitForEndAsync(string id, TimeSpan? timeout = null)
    {
        var seen = new List<string>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var task = await GetTaskAsync(id);
            var status = task.GetProperty("status").GetString()!;
            if (seen.Count == 0 || seen[^1] != status)
            {
                seen.Add(status);
            }
            if (status is not ("PENDING" or "THROTTLED" or "RUNNING"))
            {
                return (seen, task);
            }
            Assert.True(DateTime.UtcNow < deadline, $"task {id} still {status} after the timeout");
            await Task.Delay(20);
        }
    }
}
