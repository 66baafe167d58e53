namespace RunwayRelay.IntegrationTests.Emulator;

public sealed class EmulatorAuthTests : EmulatorTestBase
{
    [Fact]
    public async Task Create_NoAuthorizationHeader_Returns401WithError()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/image_to_video") { Content = JsonContentOf(ImageToVideo()) };
        request.Headers.Add("X-Runway-Version", Version);

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("API key", (await JsonAsync(response)).GetProperty("error").GetString());
        Assert.Empty(Runway.Activity.Creates);
    }

    [Theory]
    [InlineData("key_abc")]                      // too short
    [InlineData("sk_0123")]                      // wrong prefix
    public async Task Create_MalformedKey_Returns401(string key)
    {
        using var response = await SendAsync(HttpMethod.Post, "/v1/image_to_video", ImageToVideo(), key: key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Invalid API key.", (await JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Create_UppercaseHexKey_Returns401()
    {
        var key = Key.ToUpperInvariant().Replace("KEY_", "key_", StringComparison.Ordinal);

        using var response = await SendAsync(HttpMethod.Post, "/v1/image_to_video", ImageToVideo(), key: key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Get_DisabledKeyByFingerprint_Returns401Disabled()
    {
        Runway.Options.DisabledKeys.Add(RunwayRelay.Emulator.RunwayEmulatorServer.KeyFingerprint(Key));

        using var response = await SendAsync(HttpMethod.Get, "/v1/organization");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("disabled", (await JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Get_OtherKeyWhileOneIsDisabled_Returns200()
    {
        Runway.Options.DisabledKeys.Add(RunwayRelay.Emulator.RunwayEmulatorServer.CreateApiKey());

        using var response = await SendAsync(HttpMethod.Get, "/v1/organization");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Create_MissingVersionHeader_Returns400()
    {
        using var response = await SendAsync(HttpMethod.Post, "/v1/image_to_video", ImageToVideo(), version: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("X-Runway-Version", (await JsonAsync(response)).GetProperty("error").GetString());
        Assert.Empty(Runway.Activity.Creates);
    }

    [Fact]
    public async Task Create_OldVersionHeader_Returns400NamingTheSupportedVersion()
    {
        using var response = await SendAsync(HttpMethod.Post, "/v1/image_to_video", ImageToVideo(), version: "2024-09-13");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("2024-11-06", (await JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Activity_AfterCreate_StoresFingerprintNotKey()
    {
        await CreateTaskAsync();

        var create = Assert.Single(Runway.Activity.Creates);
        Assert.Equal(RunwayRelay.Emulator.RunwayEmulatorServer.KeyFingerprint(Key), create.KeyFingerprint);
        var adminJson = await Http.GetStringAsync("/_emulator/requests");
        Assert.DoesNotContain(Key[4..], adminJson, StringComparison.Ordinal);
        Assert.Contains(create.KeyFingerprint, adminJson, StringComparison.Ordinal);
    }

    private static HttpContent JsonContentOf(object body) => System.Net.Http.Json.JsonContent.Create(body);
}
