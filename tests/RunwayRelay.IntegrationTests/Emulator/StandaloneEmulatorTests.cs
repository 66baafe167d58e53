using System.Diagnostics;

namespace RunwayRelay.IntegrationTests.Emulator;

/// <summary>The standalone executable (what scripts run): started as a process on a free port, stopped by PID.</summary>
public sealed class StandaloneEmulatorTests
{
    [Fact]
    public async Task Standalone_WithUrlsAndOptions_PrintsAddressAndServesALifecycle()
    {
        var port = FreePort.Next();
        using var emulator = Start($"--urls", $"http://127.0.0.1:{port}", "--Emulator:TimeScale=0.005", "--Emulator:InitialCreditBalance=500");
        try
        {
            var listening = await ReadLineContainingAsync(emulator, "listening on", TimeSpan.FromSeconds(30));
            Assert.Contains($"http://127.0.0.1:{port}", listening);

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var key = RunwayEmulatorServer.CreateApiKey();
            HttpRequestMessage Request(HttpMethod method, string path, string? body = null)
            {
                var request = new HttpRequestMessage(method, path);
                request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {key}");
                request.Headers.TryAddWithoutValidation("X-Runway-Version", "2024-11-06");
                if (body is not null)
                {
                    request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
                }
                return request;
            }

            using var created = await http.SendAsync(Request(HttpMethod.Post, "/v1/text_to_video",
                """{"model":"gen4.5","promptText":"a lighthouse","ratio":"1280:720","duration":5}"""));
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
            var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

            // 2 s + 60 s at time scale 0.005 = 310 ms
            JsonElement task;
            var deadline = DateTime.UtcNow.AddSeconds(10);
            do
            {
                await Task.Delay(50);
                using var get = await http.SendAsync(Request(HttpMethod.Get, $"/v1/tasks/{id}"));
                task = JsonDocument.Parse(await get.Content.ReadAsStringAsync()).RootElement.Clone();
            }
            while (task.GetProperty("status").GetString() != "SUCCEEDED" && DateTime.UtcNow < deadline);
            Assert.Equal("SUCCEEDED", task.GetProperty("status").GetString());

            using var video = await http.GetAsync(task.GetProperty("output")[0].GetString());
            Assert.Equal("video/mp4", video.Content.Headers.ContentType?.MediaType);

            using var organization = await http.SendAsync(Request(HttpMethod.Get, "/v1/organization"));
            var balance = JsonDocument.Parse(await organization.Content.ReadAsStringAsync()).RootElement.GetProperty("creditBalance").GetInt64();
            Assert.Equal(500 - 60, balance);
        }
        finally
        {
            Stop(emulator);
        }
    }

    [Fact]
    public async Task Standalone_InvalidSetting_ExitsWithOneLinePerProblem()
    {
        using var emulator = Start("--urls", $"http://127.0.0.1:{FreePort.Next()}", "--Emulator:InsufficientCreditsStatusCode=418");
        try
        {
            var stderr = emulator.StandardError.ReadToEndAsync();
            await emulator.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(2, emulator.ExitCode);
            var line = Assert.Single((await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal("Invalid emulator setting: Emulator:InsufficientCreditsStatusCode must be 400 or 402; it is 418", line.Trim());
        }
        finally
        {
            Stop(emulator);
        }
    }

    private static Process Start(params string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(dotnet, [Path.Combine(AppContext.BaseDirectory, "RunwayRelay.Emulator.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return Process.Start(start) ?? throw new InvalidOperationException("the emulator did not start");
    }

    private static async Task<string> ReadLineContainingAsync(Process process, string text, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (await process.StandardOutput.ReadLineAsync(cancel.Token) is { } line)
        {
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return line;
            }
        }
        throw new InvalidOperationException($"the emulator exited ({process.ExitCode}) before printing '{text}'");
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }
}
