namespace RunwayRelay.IntegrationTests.Http;

/// <summary>
/// Callback URLs into the server's own network are refused at <c>POST /api/generations</c> (SSRF), over the real HTTP
/// API with the emulator and Azurite: nothing is submitted and no generation starts.
/// </summary>
public sealed class CallbackUrlSsrfTests(AzuriteFixture azurite) : AzuriteTestBase(azurite)
{
    /// <summary>Each of these was accepted and called with <c>Callbacks__AllowLoopback=false</c> before the fix.</summary>
    private static readonly (string Url, string Reason)[] Reproduced =
    [
        ("https://10.0.0.5/", "a private address (10.0.0.0/8)"),
        ("https://192.168.1.1/", "a private address (192.168.0.0/16)"),
        ("https://169.254.169.254/metadata", "a link-local address (169.254.0.0/16)"),
        ("https://[fd00::1]/", "(fc00::/7)"),
        ("https://[fe80::1]/", "a link-local address (fe80::/10)"),
        ("https://0.0.0.0:8443/", "the unspecified address"),
        ("https://[::]/", "the unspecified address"),
        ("https://localhost./", "Callbacks__AllowLoopback"),
        ("https://[::ffff:10.0.0.5]/", "(10.0.0.0/8) in IPv4-mapped form"),
        ("https://metadata.google.internal/", "(*.internal)"),
    ];

    [Fact]
    public async Task Start_CallbackIntoLocalNetwork_Answers400NamingCallbackUrlAndSubmitsNothing()
    {
        await using var host = await StartAsync(allowLoopback: false);
        using var http = host.CreateApiClient();

        foreach (var (url, reason) in Reproduced)
        {
            using var response = await PostAsync(http, url);

            await AssertRefusedAsync(response, url, reason);
        }
        Assert.Empty(host.Emulator.Activity.Creates);
        Assert.Equal(0, host.Emulator.Activity.CreateAttempts);
        Assert.Equal(0, await HttpApi.CountGenerationsAsync(host));
    }

    [Fact]
    public async Task Start_AllowLoopback_LoopbackReceiverCalledButPrivateAddressesRefused()
    {
        await using var receiver = await CallbackReceiver.StartAsync(failFirst: 0);
        await using var host = await StartAsync(allowLoopback: true);
        using var http = host.CreateApiClient();

        foreach (var (url, reason) in new[]
                 {
                     ("http://10.0.0.5/", "a private address (10.0.0.0/8)"),
                     ("https://192.168.1.1/", "a private address (192.168.0.0/16)"),
                     ("https://169.254.169.254/metadata", "(169.254.0.0/16)"),
                     ("https://[fd00::1]/", "(fc00::/7)"),
                     ("http://0.0.0.0:8443/", "the unspecified address"),
                 })
        {
            using var refused = await PostAsync(http, url);
            await AssertRefusedAsync(refused, url, reason);
        }
        Assert.Equal(0, host.Emulator.Activity.CreateAttempts);

        using var accepted = await PostAsync(http, new Uri(receiver.Url, "hooks/done").ToString());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        string id = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var instance = await host.WaitAsync(id);

        Assert.Equal(GenerationPhase.Succeeded, instance.ReadOutputAs<GenerationOutcome>()!.Status);
        var body = Assert.Single(await receiver.WaitForAsync(1)).Body;
        Assert.Contains(id, Encoding.UTF8.GetString(body), StringComparison.Ordinal);
    }

    private Task<GenerationHost> StartAsync(bool allowLoopback) =>
        GenerationHost.StartWebAsync(Azurite.ConnectionString, new EmulatorOptions { TimeScale = 0.001 }, StandardWebhooksNode.SigningSettings(allowLoopback,
            new Dictionary<string, string?>
            {
                ["Runway:PollInterval"] = "00:00:00.050",
                ["Runway:MaxPollInterval"] = "00:00:00.200",
                ["Runway:Timeout"] = "00:00:30",
            }));

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string callbackUrl)
    {
        string body = HttpApi.Body(HttpApi.Prompt, ("callbackUrl", callbackUrl));
        return await http.PostAsync("/api/generations", new StringContent(body, Encoding.UTF8, "application/json"));
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string url, string reason)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.Equal(["callbackUrl"], errors.EnumerateObject().Select(p => p.Name));
        string message = errors.GetProperty("callbackUrl")[0].GetString()!;
        Assert.True(message.Contains(reason, StringComparison.Ordinal), $"{url}: '{message}' names '{reason}'");
    }
}
