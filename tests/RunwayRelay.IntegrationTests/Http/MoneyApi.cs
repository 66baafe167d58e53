namespace RunwayRelay.IntegrationTests.Http;

/// <summary>Helpers of the budget and usage tests: the HTTP API on the real engine over the emulator and Azurite.</summary>
internal static class MoneyApi
{
    public static Task<GenerationHost> StartAsync(AzuriteFixture azurite, IDictionary<string, string?>? settings = null,
        Action<EmulatorOptions>? emulator = null, double timeScale = 0.001)
    {
        var options = new EmulatorOptions { TimeScale = timeScale };
        emulator?.Invoke(options);
        return GenerationHost.StartWebAsync(azurite.ConnectionString, options, settings);
    }

    public static string Body(string model = "gen4.5", int? duration = 5, string endpoint = "text_to_video", string ratio = "1280:720",
        bool? audio = null, string prompt = "a lighthouse at dusk")
    {
        var body = new Dictionary<string, object> { ["endpoint"] = endpoint, ["model"] = model, ["promptText"] = prompt, ["ratio"] = ratio };
        if (duration is { } seconds)
        {
            body["duration"] = seconds;
        }
        if (audio is { } sound)
        {
            body["audio"] = sound;
        }
        return JsonSerializer.Serialize(body);
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient http, string path, string body) => HttpApi.PostAsync(http, path, body);

    public static Task<JsonElement> JsonAsync(HttpResponseMessage response) => HttpApi.JsonAsync(response);

    /// <summary>Follows the status URL; returns the first answer that is not 202, and every 202 body seen on the way.</summary>
    public static async Task<(HttpResponseMessage Final, List<JsonElement> Running)> FollowAsync(HttpClient http, Uri statusUrl, int delayMs = 20)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        var running = new List<JsonElement>();
        while (true)
        {
            var response = await http.GetAsync(statusUrl, cts.Token);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                return (response, running);
            }
            running.Add(await JsonAsync(response));
            response.Dispose();
            await Task.Delay(delayMs, cts.Token);
        }
    }
}
