using System.Globalization;
using System.Net.Sockets;
using Xunit.Abstractions;

namespace RunwayRelay.IntegrationTests.Http;

/// <summary>
/// Every bad input to <c>POST /api/generations</c>, over a real Kestrel server with the durable engine, the emulator and
/// Azurite behind it, gets a 4xx <c>application/problem+json</c> whose <c>errors</c> names what to fix, and nothing is
/// submitted: the emulator's journal sees no create and the durable store holds no generation.
/// </summary>
public sealed class MalformedRequestTests(AzuriteFixture azurite, ITestOutputHelper output) : AzuriteTestBase(azurite)
{
    /// <summary>Set to replay a failed random run: the seed is printed at the start of every run.</summary>
    public const string SeedVariable = "RUNWAYRELAY_FUZZ_SEED";
    public const string CountVariable = "RUNWAYRELAY_FUZZ_COUNT";
    private const string ProblemJson = "application/problem+json";
    private const int Concurrency = 8;

    private const string ValidBody = """{"endpoint":"text_to_video","model":"gen4.5","promptText":"a lighthouse","ratio":"1280:720","duration":5}""";

    private Task<GenerationHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Api:MaxRequestBodyBytes"] = MalformedRequests.BodyLimit.ToString(CultureInfo.InvariantCulture),
            ["Runway:PollInterval"] = "00:00:00.050",
            ["Runway:MaxPollInterval"] = "00:00:00.200",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            values[k] = v;
        }
        return GenerationHost.StartWebAsync(Azurite.ConnectionString, new EmulatorOptions { TimeScale = 0.001 }, values);
    }

    [Fact]
    public void Catalog_EveryBaseBody_IsValidSoEachCaseBreaksExactlyOneThing()
    {
        foreach (var (spec, errors) in MalformedRequests.ValidBases())
        {
            Assert.True(errors.Count == 0,
                $"{spec.Endpoint}/{spec.Model}: {string.Join("; ", errors.Select(e => e.Key + ": " + string.Join(",", e.Value)))}");
        }
    }

    [Fact]
    public async Task Start_TableOfMalformedRequests_Every4xxProblemNamesTheFieldAndNothingIsSubmitted()
    {
        var cases = MalformedRequests.Table().ToList();
        output.WriteLine($"{cases.Count} table cases");
        await using var host = await StartAsync();

        var failures = await SendAllAsync(host, cases);

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} failed:\n" + string.Join("\n", failures.Take(30)));
        await AssertNothingSubmittedAsync(host);
    }

    [Fact]
    public async Task Start_SeededRandomMalformedRequests_Every4xxProblemNamesTheFieldAndNothingIsSubmitted()
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out int given)
            ? given
            : System.Random.Shared.Next();
        int count = int.TryParse(Environment.GetEnvironmentVariable(CountVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n)
            ? Math.Max(n, 500)
            : 600;
        output.WriteLine($"seed {seed} ({count} requests); replay with {SeedVariable}={seed}");
        var random = new Random(seed);
        var cases = Enumerable.Range(0, count).Select(_ => MalformedRequests.Random(random)).ToList();
        await using var host = await StartAsync();

        var started = DateTime.UtcNow;
        var failures = await SendAllAsync(host, cases);
        output.WriteLine($"{count} requests in {(DateTime.UtcNow - started).TotalSeconds:0.0} s");

        Assert.True(failures.Count == 0,
            $"seed {seed} ({SeedVariable}={seed} replays it): {failures.Count} of {count} failed:\n" + string.Join("\n", failures.Take(30)));
        await AssertNothingSubmittedAsync(host);
    }

    [Theory]
    [InlineData("\\ud800", "promptText")]
    [InlineData("a\\udfffb", "promptText")]
    public async Task Start_LoneSurrogateInValue_Answers400NamingTheField(string escape, string field)
    {
        await using var host = await StartAsync();
        string body = ValidBody.Replace("a lighthouse", escape, StringComparison.Ordinal);

        var answer = await SendAsync(host, MalformedRequest.Text("lone surrogate", body, field));

        await AssertRefusedAsync(host, answer, field, "Unicode");
    }

    [Fact]
    public async Task Start_LoneSurrogateInPropertyName_Answers400NamingTheBody()
    {
        await using var host = await StartAsync();

        var answer = await SendAsync(host, MalformedRequest.Text("name", "{\"\\ud800\":1," + ValidBody[1..], "$"));

        await AssertRefusedAsync(host, answer, "$", "property name");
    }

    [Fact]
    public async Task Start_InvalidUtf8InValue_Answers400NamingTheField()
    {
        await using var host = await StartAsync();
        byte[] body = Encoding.UTF8.GetBytes(ValidBody.Replace("a lighthouse", "a @", StringComparison.Ordinal));
        body[Array.IndexOf(body, (byte)'@')] = 0xFF;

        var answer = await SendAsync(host, MalformedRequest.Bytes("utf-8", body, "promptText"));

        await AssertRefusedAsync(host, answer, "promptText", "Unicode");
    }

    /// <summary>
    /// An HTTP/1.0 request may leave Host out. Kestrel itself refuses most malformed Host headers (<c>a@b</c>, <c>a/b</c>,
    /// <c>[::1</c>) with a bare 400 before the app runs; one with an impossible port reaches the app, which must not build
    /// a status URL from it.
    /// </summary>
    [Theory]
    [InlineData(null, "missing")]
    [InlineData("relay.example.com:99999", "well-formed")]
    public async Task Start_Http10WithoutHostOrWithImpossiblePort_Answers400NamingHostAndSubmitsNothing(string? hostHeader, string says)
    {
        await using var host = await StartAsync();

        var answer = await RawAsync(host, "POST", "/api/generations", ValidBody, hostHeader);

        await AssertRefusedAsync(host, answer, "Host", says);
    }

    [Fact]
    public async Task GetAndDelete_Http10WithoutHost_Answer400NamingHost()
    {
        await using var host = await StartAsync();
        string id = "g-0123456789abcdef0123456789abcdef";

        var get = await RawAsync(host, "GET", "/api/generations/" + id, body: null);
        var delete = await RawAsync(host, "DELETE", "/api/generations/" + id, body: null);

        Assert.Equal((400, ProblemJson), (get.Status, get.ContentType));
        Assert.Equal((400, ProblemJson), (delete.Status, delete.ContentType));
        Assert.True(get.Errors.ContainsKey("Host"));
        Assert.True(delete.Errors.ContainsKey("Host"));
    }

    [Fact]
    public async Task Start_Http10WithoutHostAndPublicBaseUrl_Answers202WithPublicLocation()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Api:PublicBaseUrl"] = "https://relay.example.com/video" });

        var answer = await RawAsync(host, "POST", "/api/generations?code=k1", ValidBody);

        Assert.Equal(202, answer.Status);
        Assert.Matches(@"^https://relay\.example\.com/video/api/generations/g-[0-9a-f]{32}\?code=k1$", answer.Headers["location"]);
    }

    [Fact]
    public async Task Start_ForeignHostWithPublicBaseUrl_LocationIgnoresTheHost()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Api:PublicBaseUrl"] = "https://relay.example.com" });
        using var http = host.CreateApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/generations")
        {
            Content = new StringContent(ValidBody, Encoding.UTF8, "application/json"),
        };
        request.Headers.Host = "attacker.example";

        using var response = await http.SendAsync(request);
        string id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(new Uri("https://relay.example.com/api/generations/" + id), response.Headers.Location);
        // The public URL is for callers; this test reaches the same item over loopback by the route path it names.
        using var cancel = await http.DeleteAsync(response.Headers.Location!.PathAndQuery);
        Assert.Equal($"https://relay.example.com/api/generations/{id}",
            JsonDocument.Parse(await cancel.Content.ReadAsStringAsync()).RootElement.GetProperty("statusUrl").GetString());
    }

    [Fact]
    public async Task Start_UnknownModelByDefault_Answers400AndSubmitsNothing()
    {
        await using var host = await StartAsync();

        var answer = await SendAsync(host, MalformedRequest.Text("unknown", ValidBody.Replace("gen4.5", "gen9_ultra", StringComparison.Ordinal), "model"));

        await AssertRefusedAsync(host, answer, "model", "veo3.1");
    }

    [Fact]
    public async Task Start_UnknownModelAllowed_IsForwardedToRunway()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Runway:AllowUnknownModels"] = "true" });
        using var http = host.CreateApiClient();

        using var response = await http.PostAsync("/api/generations",
            new StringContent(ValidBody.Replace("gen4.5", "gen9_ultra", StringComparison.Ordinal), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (host.Emulator.Activity.CreateAttempts == 0)
        {
            await Task.Delay(50, cts.Token);
        }
        Assert.Equal(1, host.Emulator.Activity.CreateAttempts);
    }

    private async Task<List<string>> SendAllAsync(GenerationHost host, IReadOnlyList<MalformedRequest> cases)
    {
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var http = host.CreateApiClient();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (c, ct) =>
        {
            try
            {
                var answer = await SendAsync(http, c, ct);
                if (Judge(c, answer) is { } problem)
                {
                    failures.Add($"{problem}: {c}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException)
            {
                failures.Add($"{e.GetType().Name} {e.Message}: {c}");
            }
        });
        return [.. failures];
    }

    /// <summary>Null when the answer is what the case must get; else what is wrong with it.</summary>
    private static string? Judge(MalformedRequest c, Answer answer)
    {
        if (answer.Status >= 500)
        {
            return $"answered {answer.Status} (5xx)";
        }
        if (answer.Status != c.ExpectedStatus)
        {
            return $"answered {answer.Status}, expected {c.ExpectedStatus} ({string.Join(",", answer.Errors.Keys)})";
        }
        if (answer.ContentType != ProblemJson)
        {
            return $"Content-Type {answer.ContentType}";
        }
        if (!c.ExpectedKeys.Any(answer.Errors.ContainsKey))
        {
            return $"errors name {string.Join(", ", answer.Errors.Keys)}, not {string.Join(" or ", c.ExpectedKeys)}";
        }
        return answer.Errors.Values.Any(m => m.Length == 0 || m.Any(string.IsNullOrWhiteSpace)) ? "an error without a message" : null;
    }

    private static async Task<Answer> SendAsync(GenerationHost host, MalformedRequest c)
    {
        using var http = host.CreateApiClient();
        return await SendAsync(http, c, CancellationToken.None);
    }

    private static async Task<Answer> SendAsync(HttpClient http, MalformedRequest c, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/generations") { Content = new ByteArrayContent(c.Body) };
        if (c.ContentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", c.ContentType);
        }
        if (c.IdempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", c.IdempotencyKey);
        }
        using var response = await http.SendAsync(request, cancellationToken);
        string text = await response.Content.ReadAsStringAsync(cancellationToken);
        return Answer.From((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text,
            response.Headers.Location is { } l ? new Dictionary<string, string> { ["location"] = l.ToString() } : []);
    }

    /// <summary>An HTTP/1.0 request with no Host header, over a plain socket (HttpClient always sends one).</summary>
    private static async Task<Answer> RawAsync(GenerationHost host, string method, string target, string? body, string? hostHeader = null)
    {
        byte[] content = body is null ? [] : Encoding.UTF8.GetBytes(body);
        var head = new StringBuilder($"{method} {target} HTTP/1.0\r\n");
        if (hostHeader is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Host: {hostHeader}\r\n");
        }
        if (body is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Type: application/json\r\nContent-Length: {content.Length}\r\n");
        }
        head.Append("\r\n");
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, host.ApiBaseAddress!.Port);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()).Concat(content).ToArray());
        using var buffer = new MemoryStream();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await stream.CopyToAsync(buffer, cts.Token);   // HTTP/1.0: the server closes after the answer

        string raw = Encoding.UTF8.GetString(buffer.ToArray());
        int split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        string[] lines = raw[..split].Split("\r\n");
        int status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        string? type = headers.TryGetValue("content-type", out var t) ? t.Split(';')[0].Trim() : null;
        return Answer.From(status, type, raw[(split + 4)..], headers);
    }

    /// <summary>A 400 problem whose one message for <paramref name="field"/> says <paramref name="says"/>, and nothing submitted.</summary>
    private static async Task AssertRefusedAsync(GenerationHost host, Answer answer, string field, string says)
    {
        Assert.Equal((400, ProblemJson), (answer.Status, answer.ContentType));
        Assert.Contains(says, Assert.Single(answer.Errors[field]), StringComparison.Ordinal);
        await AssertNothingSubmittedAsync(host);
    }

    private static async Task AssertNothingSubmittedAsync(GenerationHost host)
    {
        Assert.Equal(0, host.Emulator.Activity.CreateAttempts);
        Assert.Empty(host.Emulator.Activity.Creates);
        int generations = 0;
        await foreach (var instance in host.Client.GetAllInstancesAsync(new OrchestrationQuery()))
        {
            if (instance.Name == GenerationTasks.Orchestrator)
            {
                generations++;
            }
        }
        Assert.Equal(0, generations);
    }

    private sealed record Answer(int Status, string? ContentType, IReadOnlyDictionary<string, string[]> Errors, IReadOnlyDictionary<string, string> Headers)
    {
        public static Answer From(int status, string? contentType, string body, IReadOnlyDictionary<string, string> headers)
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (contentType == ProblemJson)
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in e.EnumerateObject())
                    {
                        errors[p.Name] = p.Value.EnumerateArray().Select(m => m.GetString() ?? "").ToArray();
                    }
                }
            }
            return new Answer(status, contentType, errors, headers);
        }
    }
}
