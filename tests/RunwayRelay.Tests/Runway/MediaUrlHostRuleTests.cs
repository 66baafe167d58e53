namespace RunwayRelay.Tests.Runway;

/// <summary>Media URLs Runway cannot fetch (IP literals, local names) are refused before anything is submitted.</summary>
public sealed class MediaUrlHostRuleTests
{
    [Theory]
    [InlineData("https://10.0.0.1/cat.png", "IP address")]
    [InlineData("https://169.254.169.254/latest/meta-data", "IP address")]
    [InlineData("https://127.0.0.1:8443/cat.png", "IP address")]
    [InlineData("https://[::1]/cat.png", "IP address")]
    [InlineData("https://[fd00::1]/cat.png", "IP address")]
    [InlineData("https://[::ffff:10.0.0.1]/cat.png", "IP address")]
    [InlineData("https://0x7f000001/cat.png", "IP")]
    [InlineData("https://2130706433/cat.png", "IP")]
    [InlineData("https://10.1/cat.png", "IP")]
    [InlineData("https://localhost/cat.png", "local host name")]
    [InlineData("https://localhost./cat.png", "local host name")]
    [InlineData("https://LOCALHOST/cat.png", "local host name")]
    [InlineData("https://media.localhost/cat.png", "local host name")]
    [InlineData("https://printer.local/cat.png", "local host name")]
    [InlineData("https://db.internal/cat.png", "local host name")]
    [InlineData("https://nas.home.arpa/cat.png", "local host name")]
    // The names callback URLs refuse as local are refused here too: one list (LocalHostNames) for both.
    [InlineData("https://files.corp/cat.png", "local host name")]
    [InlineData("https://nas.lan/cat.png", "local host name")]
    [InlineData("https://media.home/cat.png", "local host name")]
    [InlineData("https://share.intranet/cat.png", "local host name")]
    [InlineData("https://box.localdomain/cat.png", "local host name")]
    [InlineData("https://vm1.internal.cloudapp.net/cat.png", "local host name")]
    [InlineData("https://intranet/cat.png", "single-label")]
    [InlineData("https://intranet./cat.png", "single-label")]
    public void Problem_HostRunwayCannotFetch_IsNamed(string url, string expected)
    {
        var problem = MediaUrlHostRule.Problem(new Uri(url));

        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://media.example.com/cat.png")]
    [InlineData("https://example.com./cat.png")]
    [InlineData("https://cdn.example.co.uk:8443/a/b.png?sig=1")]
    [InlineData("https://bücher.example/cat.png")]
    [InlineData("https://localhost.example.com/cat.png")]
    [InlineData("https://local.example.com/cat.png")]
    [InlineData("https://a1.b2/cat.png")]
    public void Problem_PublicDomainName_IsNull(string url) => Assert.Null(MediaUrlHostRule.Problem(new Uri(url)));

    public static TheoryData<string, string> MediaFields => new()
    {
        { """{"endpoint":"image_to_video","model":"gen4_turbo","ratio":"1280:720","promptImage":"URL"}""", "promptImage" },
        { """{"endpoint":"image_to_video","model":"veo3.1","ratio":"1280:720","promptImage":[{"uri":"https://media.example.com/a.png","position":"first"},{"uri":"URL","position":"last"}]}""", "promptImage.1.uri" },
        { """{"endpoint":"video_to_video","model":"aleph2","videoUri":"URL"}""", "videoUri" },
        { """{"endpoint":"video_to_video","model":"seedance2","promptVideo":"URL"}""", "promptVideo" },
        { """{"endpoint":"video_to_video","model":"aleph2","videoUri":"https://media.example.com/v.mp4","keyframes":[{"uri":"URL","seconds":1}]}""", "keyframes.0.uri" },
        { """{"endpoint":"text_to_video","model":"seedance2","promptText":"x","references":[{"uri":"URL"}]}""", "references.0.uri" },
        { """{"endpoint":"video_to_video","model":"gemini_omni_flash","promptText":"x","videoUri":"https://media.example.com/v.mp4","references":[{"uri":"URL"}]}""", "references.0.uri" },
        { """{"endpoint":"text_to_image","model":"gen4_image","promptText":"x","ratio":"1920:1080","referenceImages":[{"uri":"URL"}]}""", "referenceImages.0.uri" },
        { """{"endpoint":"video_upscale","model":"magnific_video_upscaler_creative","videoUri":"URL"}""", "videoUri" },
    };

    [Theory]
    [MemberData(nameof(MediaFields))]
    public void Map_MediaUrlOnPrivateHost_IsRefusedUnderItsExactPath(string template, string path)
    {
        foreach (string bad in new[] { "https://10.0.0.1/m", "https://169.254.169.254/m", "https://[::1]/m", "https://localhost/m" })
        {
            var errors = Map(template.Replace("URL", bad, StringComparison.Ordinal), out var accepted);

            Assert.Null(accepted);
            Assert.True(errors.ContainsKey(path), $"{bad}: errors name {path}: {string.Join(", ", errors.Keys)}");
            Assert.Single(errors);
        }
        var ok = Map(template.Replace("URL", "https://media.example.com/m.png", StringComparison.Ordinal), out var fine);
        Assert.True(ok.Count == 0, string.Join("; ", ok.Select(e => e.Key + ": " + string.Join(",", e.Value))));
        Assert.NotNull(fine);
    }

    [Theory]
    [InlineData("data:image/png;base64,iVBORw0KGgo=")]
    [InlineData("runway://uploads/abc123")]
    public void Map_DataAndRunwayUris_StillAccepted(string uri)
    {
        var errors = Map($$"""{"endpoint":"image_to_video","model":"gen4_turbo","ratio":"1280:720","promptImage":"{{uri}}"}""", out var accepted);

        Assert.Empty(errors);
        Assert.NotNull(accepted);
    }

    private static IReadOnlyDictionary<string, string[]> Map(string json, out AcceptedGenerationRequest? accepted)
    {
        var errors = new ValidationErrors();
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var body = GenerationRequestReader.Read(document.RootElement, errors);
        accepted = GenerationRequestMapper.Map(body, new GenerationRequestPolicy(true, false), errors);
        return errors.ToDictionary();
    }
}
