namespace RunwayRelay.IntegrationTests.Http;

/// <summary>
/// What the HTTP API's tests share: a Kestrel host with the real durable engine over the emulator and Azurite, the
/// requests they send, and following a generation's status URL as a client does.
/// </summary>
internal static class HttpApi
{
    /// <summary>What the tests prompt for when the prompt is not what they test.</summary>
    public const string Prompt = "a lighthouse at dusk";

    /// <summary>The five-second gen4.5 text_to_video request the tests post, with the fields a test adds (a null value leaves its field out).</summary>
    public static Dictionary<string, object> Request(string prompt = Prompt, params (string Name, object? Value)[] fields)
    {
        var body = new Dictionary<string, object>
        {
            ["endpoint"] = "text_to_video",
            ["model"] = "gen4.5",
            ["promptText"] = prompt,
            ["ratio"] = "1280:720",
            ["duration"] = 5,
        };
        foreach (var (name, value) in fields)
        {
            if (value is not null)
            {
                body[name] = value;
            }
        }
        return body;
    }

    /// <summary><see cref="Request"/> as the JSON text a client posts.</summary>
    public static string Body(string prompt = Prompt, params (string Name, object? Value)[] fields) =>
        JsonSerializer.Serialize(Request(prompt, fields));

    /// <summary>Polling in milliseconds so a generation at emulator time scale 0.001 finishes in well under a second.</summary>
    public static IReadOnlyDictionary<string, string?> FastPolling { get; } = new Dictionary<string, string?>
    {
        ["Runway:PollInterval"] = "00:00:00.050",
        ["Runway:MaxPollInterval"] = "00:00:00.200",
        ["Runway:Timeout"] = "00:00:30",
    };

    /// <summary>The host with <see cref="FastPolling"/>, overridden by <paramref name="settings"/>.</summary>
    public static Task<GenerationHost> StartAsync(AzuriteFixture azurite, double timeScale = 0.001,
        IEnumerable<KeyValuePair<string, string?>>? settings = null, Action<EmulatorOptions>? emulator = null)
    {
        var values = new Dictionary<string, string?>(FastPolling);
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }
        var options = new EmulatorOptions { TimeScale = timeScale };
        emulator?.Invoke(options);
        return GenerationHost.StartWebAsync(azurite.ConnectionString, options, values);
    }

    /// <summary>A JSON POST, with an <c>Idempotency-Key</c> when given.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, string body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return await http.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Follows the status URL as a Logic App would: every 202 must carry Retry-After; returns the first other answer.</summary>
    public static async Task<HttpResponseMessage> PollUntilFinishedAsync(HttpClient http, Uri statusUrl)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var response = await http.GetAsync(statusUrl, cts.Token);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                return response;
            }
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.Equal(statusUrl, response.Headers.Location);
            response.Dispose();
            await Task.Delay(50, cts.Token);
        }
    }

    /// <summary>The Runway task id once the status shows the task queued or running.</summary>
    public static async Task<string> WaitForRunwayTaskAsync(HttpClient http, Uri statusUrl)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            using var response = await http.GetAsync(statusUrl, cts.Token);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var status = await JsonAsync(response);
            if (status.GetProperty("status").GetString() is nameof(GenerationPhase.Queued) or nameof(GenerationPhase.Running)
                && status.GetProperty("runwayTaskId").GetString() is { } taskId)
            {
                return taskId;
            }
            await Task.Delay(50, cts.Token);
        }
    }

    /// <summary>How many generation orchestrations the host's engine holds.</summary>
    public static async Task<int> CountGenerationsAsync(GenerationHost host)
    {
        int count = 0;
        await foreach (var instance in host.Client.GetAllInstancesAsync(new OrchestrationQuery()))
        {
            if (instance.Name == GenerationTasks.Orchestrator)
            {
                count++;
            }
        }
        return count;
    }
}
