using RunwayRelay.ApiKeys;
using RunwayRelay.Health;
using RunwayRelay.IntegrationTests.ApiKeys;

namespace RunwayRelay.IntegrationTests.Health;

/// <summary>
/// <c>GET /api/health</c> over loopback on the real HTTP host, against the emulator over HTTP, Azurite and the fake Key
/// Vault: each part that can fail is named in a 503, and the report is cached so probes cost no Runway request each.
/// </summary>
public sealed class HealthEndpointTests(AzuriteFixture azurite, Xunit.Abstractions.ITestOutputHelper output) : AzuriteTestBase(azurite)
{
    private static readonly Dictionary<string, string?> NoCache = new() { ["Health:CacheDuration"] = "00:00:00" };

    [Fact]
    public async Task GetHealth_AllPartsUp_Answers200WithBalanceAndFingerprintButNeverTheKey()
    {
        await using var host = await GenerationHost.StartWebAsync(Azurite.ConnectionString, new EmulatorOptions { TimeScale = 0.001, InitialCreditBalance = 4321 });
        using var http = host.CreateApiClient();

        var (status, body, text) = await GetHealthAsync(http);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Empty(body.GetProperty("failing").EnumerateArray());
        var parts = Parts(body);
        Assert.Equal(
            [HealthParts.ApiKey, HealthParts.Budget, HealthParts.KeyVault, HealthParts.Runway, HealthParts.InputStorage, HealthParts.OutputStorage,
             HealthParts.PayloadsStorage, HealthParts.SubmissionsStorage],
            parts.Keys.Order(StringComparer.Ordinal));
        Assert.All(parts.Values, p => Assert.Equal("healthy", p.GetProperty("status").GetString()));
        Assert.Equal(4321, parts[HealthParts.Runway].GetProperty("data").GetProperty("creditBalance").GetInt64());
        var key = parts[HealthParts.ApiKey].GetProperty("data");
        Assert.Equal("sha256:" + RunwayApiKeyFormat.Fingerprint(host.Emulator.ApiKey), key.GetProperty("fingerprint").GetString());
        Assert.Equal(RunwayApiKeyProvider.EnvironmentVariable, key.GetProperty("source").GetString());
        Assert.False(parts[HealthParts.KeyVault].GetProperty("data").GetProperty("configured").GetBoolean());
        Assert.Equal(host.OutputContainerName, parts[HealthParts.OutputStorage].GetProperty("data").GetProperty("container").GetString());
        Assert.DoesNotContain(host.Emulator.ApiKey[RunwayApiKeyFormat.Prefix.Length..][..16], text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHealth_TenProbesWithinTheCacheDuration_AskRunwayForTheOrganizationOnce()
    {
        await using var host = await GenerationHost.StartWebAsync(Azurite.ConnectionString);
        using var http = host.CreateApiClient();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => GetHealthAsync(http)));
        var burst = clock.Elapsed;
        clock.Restart();
        await GetHealthAsync(http);
        output.WriteLine($"10 concurrent probes (one run of the checks): {burst.TotalMilliseconds:F0} ms; one more from the cache: {clock.Elapsed.TotalMilliseconds:F1} ms");

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Single(answers.Select(a => a.Body.GetProperty("checkedAt").GetString()).Distinct());
        Assert.Equal(1, OrganizationReads(host.Emulator));
    }

    [Fact]
    public async Task GetHealth_CacheDurationZero_AsksRunwayOnEveryProbe()
    {
        await using var host = await GenerationHost.StartWebAsync(Azurite.ConnectionString, settings: NoCache);
        using var http = host.CreateApiClient();

        await GetHealthAsync(http);
        await GetHealthAsync(http);
        await GetHealthAsync(http);

        Assert.Equal(3, OrganizationReads(host.Emulator));
    }

    [Fact]
    public async Task GetHealth_KeyRejectedByRunway_Answers503NamingRunwayWith401()
    {
        string disabled = RunwayEmulatorServer.CreateApiKey();
        await using var host = await GenerationHost.StartWebAsync(Azurite.ConnectionString,
            new EmulatorOptions { TimeScale = 0.001, DisabledKeys = [disabled] },
            new Dictionary<string, string?> { ["RUNWAYML_API_SECRET"] = disabled });
        using var http = host.CreateApiClient();

        var (status, body, text) = await GetHealthAsync(http);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        Assert.Equal([HealthParts.Runway], body.GetProperty("failing").EnumerateArray().Select(f => f.GetString()));
        var runway = Parts(body)[HealthParts.Runway];
        Assert.Equal(401, runway.GetProperty("data").GetProperty("status").GetInt32());
        Assert.Contains("401", runway.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("healthy", Parts(body)[HealthParts.ApiKey].GetProperty("status").GetString());
        Assert.DoesNotContain(disabled[RunwayApiKeyFormat.Prefix.Length..][..16], text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHealth_NoKeyConfigured_Answers503NamingTheKeyAndRunway()
    {
        await using var host = await GenerationHost.StartWebAsync(Azurite.ConnectionString,
            settings: new Dictionary<string, string?> { ["RUNWAYML_API_SECRET"] = "" });
        using var http = host.CreateApiClient();

        var (status, body, _) = await GetHealthAsync(http);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal([HealthParts.ApiKey, HealthParts.Runway], body.GetProperty("failing").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains(RunwayApiKeyProvider.EnvironmentVariable, Parts(body)[HealthParts.ApiKey].GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHealth_RunwayStopped_Answers503NamingRunway()
    {
        var stopped = await RunwayEmulatorServer.StartAsync(new EmulatorOptions());
        await using var host = await GenerationHost.StartWebAsync(Azurite.ConnectionString, settings: new Dictionary<string, string?>(NoCache)
        {
            ["Runway:BaseUrl"] = stopped.BaseUrl.ToString(),
            ["RUNWAYML_API_SECRET"] = stopped.ApiKey,
            ["Runway:MaxRetryAttempts"] = "1",
        });
        using var http = host.CreateApiClient();
        var before = await GetHealthAsync(http);

        await stopped.DisposeAsync();
        var (status, body, _) = await GetHealthAsync(http);

        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal([HealthParts.Runway], body.GetProperty("failing").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("Network", Parts(body)[HealthParts.Runway].GetProperty("data").GetProperty("error").GetString());
    }

    [Fact]
    public async Task GetHealth_StorageUnreachable_Answers503NamingEveryContainer()
    {
        string closed = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Convert.ToBase64String(new byte[64])};BlobEndpoint=http://127.0.0.1:{FreePort.Next()}/devstoreaccount1;";
        await using var host = await GenerationHost.StartWebAsync(Azurite.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["VideoStorage"] = closed,
            ["Health:CheckTimeout"] = "00:00:02",
        });
        using var http = host.CreateApiClient();

        var (status, body, _) = await GetHealthAsync(http);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(
            [HealthParts.Budget, HealthParts.InputStorage, HealthParts.OutputStorage, HealthParts.PayloadsStorage, HealthParts.SubmissionsStorage],
            body.GetProperty("failing").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("healthy", Parts(body)[HealthParts.Runway].GetProperty("status").GetString());
    }

    [Fact]
    public async Task GetHealth_KeyVaultGoesAway_Answers503NamingKeyVaultWhileTheCachedKeyStillWorks()
    {
        var vault = await FakeKeyVault.StartAsync();
        await using var host = await GenerationHost.StartWebAsync(Azurite.ConnectionString, new EmulatorOptions { TimeScale = 0.001 },
            new Dictionary<string, string?>(NoCache) { ["Runway:KeyVaultUri"] = vault.VaultUri.ToString(), ["RUNWAYML_API_SECRET"] = "" },
            services => services.AddSingleton<IRunwaySecretClientFactory>(new RunwaySecretClientFactory(new FakeTokenCredential(), vault.ClientOptions())));
        vault.SetSecret("runwayml-api-secret", host.Emulator.ApiKey);
        using var http = host.CreateApiClient();
        var before = await GetHealthAsync(http);

        await vault.DisposeAsync();
        var (status, body, _) = await GetHealthAsync(http);

        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.True(Parts(before.Body)[HealthParts.KeyVault].GetProperty("data").GetProperty("configured").GetBoolean());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal([HealthParts.KeyVault], body.GetProperty("failing").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains("could not be reached", Parts(body)[HealthParts.KeyVault].GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    private static int OrganizationReads(RunwayEmulatorServer emulator) =>
        emulator.Activity.Requests.Count(r => r.Method == "GET" && r.Path == "/v1/organization");

    private static Dictionary<string, JsonElement> Parts(JsonElement body) =>
        body.GetProperty("parts").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.Clone());

    private static async Task<(HttpStatusCode Status, JsonElement Body, string Text)> GetHealthAsync(HttpClient http)
    {
        using var response = await http.GetAsync(HealthEndpointRouteBuilderExtensions.Route);
        string text = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        using var document = JsonDocument.Parse(text);
        return (response.StatusCode, document.RootElement.Clone(), text);
    }
}
