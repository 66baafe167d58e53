using System.Text.Json.Nodes;

namespace RunwayRelay.IntegrationTests.Emulator;

public sealed class EmulatorValidationTests : EmulatorTestBase
{
    private const string Image = "https://example.com/a.png";

    /// <summary>(endpoint, body, path of the expected issue, its code)</summary>
    public static TheoryData<string, string, string, string> InvalidBodies()
    {
        var longUrl = "https://example.com/" + new string('a', 2048 - 20 + 1);
        var bigImage = "data:image/png;base64," + new string('A', 5 * 1024 * 1024);
        var bigVideo = "data:video/mp4;base64," + new string('A', 16 * 1024 * 1024);
        var longRunway = "runway://" + new string('a', 5000);
        var emoji1000 = string.Concat(Enumerable.Repeat("😀", 501)); // 1002 UTF-16 units, 501 characters
        return new()
        {
            // required fields and the model discriminator
            { "image_to_video", Gen45(without: "promptText"), "promptText", "invalid_type" },
            { "image_to_video", Gen45(without: "ratio"), "ratio", "invalid_type" },
            { "image_to_video", Gen45(without: "model"), "model", "invalid_union_discriminator" },
            { "image_to_video", Gen45(set: ("model", "gen3a_turbo")), "model", "invalid_union_discriminator" },
            { "text_to_video", """{"model":"gen4_turbo","promptText":"x","ratio":"1280:720"}""", "model", "invalid_union_discriminator" },
            { "image_to_video", Gen45(set: ("promptText", null)), "promptText", "invalid_type" },
            // unknown fields
            { "image_to_video", Gen45(set: ("webhookUrl", "https://example.com/hook")), "", "unrecognized_keys" },
            { "text_to_video", """{"model":"veo3.1","promptText":"x","ratio":"1280:720","resolution":"720p"}""", "", "unrecognized_keys" },
            // ratios
            { "image_to_video", Gen45(set: ("ratio", "1920:1080")), "ratio", "invalid_enum_value" },
            { "text_to_video", """{"model":"gen4.5","promptText":"x","ratio":"960:960","duration":5}""", "ratio", "invalid_enum_value" },
            { "text_to_video", """{"model":"seedance2_fast","promptText":"x","ratio":"1920:1080"}""", "ratio", "invalid_enum_value" },
            // durations
            { "image_to_video", Gen45(set: ("duration", 11)), "duration", "too_big" },
            { "image_to_video", Gen45(set: ("duration", 1)), "duration", "too_small" },
            { "image_to_video", Gen45(set: ("duration", 5.5)), "duration", "invalid_type" },
            { "image_to_video", Gen45(set: ("duration", "5")), "duration", "invalid_type" },
            { "text_to_video", """{"model":"veo3.1","promptText":"x","ratio":"1280:720","duration":5}""", "duration", "invalid_union" },
            { "text_to_video", """{"model":"veo3","promptText":"x","ratio":"1280:720","duration":6}""", "duration", "invalid_union" },
            { "text_to_video", """{"model":"seedance2","promptText":"x","duration":16}""", "duration", "too_big" },
            // prompt length in UTF-16 code units
            { "image_to_video", Gen45(set: ("promptText", emoji1000)), "promptText", "too_big" },
            { "image_to_video", Gen45(set: ("promptText", new string('a', 1001))), "promptText", "too_big" },
            { "image_to_video", Gen45(set: ("promptText", "")), "promptText", "too_small" },
            { "text_to_image", """{"model":"gemini_2.5_flash","promptText":"","ratio":"1024:1024"}""", "promptText", "too_small" },
            // seed
            { "image_to_video", Gen45(set: ("seed", 4294967296L)), "seed", "too_big" },
            { "image_to_video", Gen45(set: ("seed", -1)), "seed", "too_small" },
            // media forms
            { "image_to_video", Gen45(set: ("promptImage", "http://example.com/a.png")), "promptImage", "invalid_string" },
            { "image_to_video", Gen45(set: ("promptImage", "ftp://example.com/a.png")), "promptImage", "invalid_string" },
            { "image_to_video", Gen45(set: ("promptImage", "https://10.0.0.1/a.png")), "promptImage", "custom" },
            { "image_to_video", Gen45(set: ("promptImage", longUrl)), "promptImage", "too_big" },
            { "image_to_video", Gen45(set: ("promptImage", longRunway)), "promptImage", "too_big" },
            { "image_to_video", Gen45(set: ("promptImage", bigImage + "A")), "promptImage", "too_big" },
            { "image_to_video", Gen45(set: ("promptImage", "data:video/mp4;base64,AAAA")), "promptImage", "invalid_string" },
            { "image_to_video", Gen45(set: ("promptImage", "data:image/png,notbase64")), "promptImage", "invalid_string" },
            { "video_to_video", Json(("model", "aleph2"), ("videoUri", bigVideo + "A")), "videoUri", "too_big" },
            { "video_to_video", Json(("model", "aleph2"), ("videoUri", "data:image/png;base64,AAAA")), "videoUri", "invalid_string" },
            // promptImage arrays and positions
            { "image_to_video", Gen45(set: ("promptImage", Positions("last"))), "promptImage.0.position", "invalid_enum_value" },
            { "image_to_video", Gen45(set: ("promptImage", Positions("first", "first"))), "promptImage", "too_big" },
            { "image_to_video", Gen45(set: ("promptImage", new JsonArray())), "promptImage", "too_small" },
            { "image_to_video", """{"model":"veo3.1","ratio":"1280:720","promptImage":[{"uri":"https://example.com/a.png","position":"last"}]}""", "promptImage", "custom" },
            { "image_to_video", """{"model":"veo3.1","ratio":"1280:720","promptImage":[{"uri":"https://example.com/a.png","position":"first"},{"uri":"https://example.com/b.png","position":"first"}]}""", "promptImage.1.position", "custom" },
            { "image_to_video", """{"model":"seedance2","promptImage":[{"uri":"https://example.com/a.png","position":"first"},{"uri":"https://example.com/b.png"}]}""", "promptImage", "custom" },
            { "image_to_video", """{"model":"gen4.5","promptText":"x","ratio":"1280:720","duration":5,"promptImage":[{"position":"first"}]}""", "promptImage.0.uri", "invalid_type" },
            // other model rules
            { "text_to_image", """{"model":"gen4_image_turbo","promptText":"x","ratio":"1024:1024"}""", "referenceImages", "invalid_type" },
            { "text_to_image", """{"model":"gen4_image","promptText":"x","ratio":"1024:1024","referenceImages":[{"uri":"https://example.com/a.png","tag":"1x"}]}""", "referenceImages.0.tag", "invalid_string" },
            { "video_to_video", """{"model":"aleph2","videoUri":"https://example.com/a.mp4","keyframes":[{"uri":"https://example.com/a.png","seconds":31}]}""", "keyframes.0.seconds", "too_big" },
            { "video_upscale", """{"model":"magnific_video_upscaler_creative","videoUri":"https://example.com/a.mp4","resolution":"8k"}""", "resolution", "invalid_enum_value" },
            { "image_to_video", """{"model":"seedance2","promptImage":"https://example.com/a.png","referenceAudio":[{"type":"audio","uri":"https://example.com/a.mp3"}]}""", "promptText", "custom" },
        };
    }

    public static TheoryData<string, string> ValidBodies() => new()
    {
        { "image_to_video", Gen45() },
        { "image_to_video", Gen45(set: ("promptImage", Positions("first"))) },
        { "image_to_video", Gen45(set: ("promptText", string.Concat(Enumerable.Repeat("😀", 500)))) },
        { "image_to_video", Gen45(set: ("seed", 4294967295L)) },
        { "image_to_video", Gen45(set: ("promptImage", "data:image/png;base64," + new string('A', 5 * 1024 * 1024 - 22))) },
        { "image_to_video", """{"model":"gen4_turbo","promptImage":"https://example.com/a.png","ratio":"960:960"}""" },
        { "image_to_video", """{"model":"veo3.1","ratio":"1080:1920","promptImage":[{"uri":"https://example.com/a.png","position":"first"},{"uri":"https://example.com/b.png","position":"last"}],"audio":false,"duration":6}""" },
        { "image_to_video", """{"model":"veo3.1_fast","ratio":"1920:1080","promptImage":"https://example.com/a.png"}""" },
        { "image_to_video", """{"model":"veo3","ratio":"1280:720","duration":8,"promptImage":"https://example.com/a.png"}""" },
        { "image_to_video", """{"model":"seedance2","promptImage":[{"uri":"https://example.com/a.png"},{"uri":"https://example.com/b.png"}],"duration":"auto","ratio":"3840:2160"}""" },
        { "image_to_video", """{"model":"seedance2_mini","promptImage":"https://example.com/a.png","duration":4}""" },
        { "image_to_video", """{"model":"gemini_omni_flash","promptImage":"https://example.com/a.png","duration":3,"ratio":"720:1280"}""" },
        { "text_to_video", """{"model":"gen4.5","promptText":"x","ratio":"720:1280","duration":2,"contentModeration":{"publicFigureThreshold":"low"}}""" },
        { "text_to_video", """{"model":"seedance2_fast","promptText":"x","references":[{"uri":"https://example.com/a.png"}]}""" },
        { "video_to_video", """{"model":"aleph2","videoUri":"https://example.com/a.mp4","promptText":"x","keyframes":[{"uri":"https://example.com/a.png","at":0.5}]}""" },
        { "video_to_video", """{"model":"seedance2","promptVideo":"https://example.com/a.mp4"}""" },
        { "video_to_video", Json(("model", "aleph2"), ("videoUri", "data:video/mp4;base64," + new string('A', 6 * 1024 * 1024))) },
        { "text_to_image", """{"model":"gen4_image_turbo","promptText":"@cat","ratio":"1920:1080","referenceImages":[{"uri":"https://example.com/a.png","tag":"cat"}]}""" },
        { "text_to_image", """{"model":"gemini_2.5_flash","promptText":"x","ratio":"1344:768"}""" },
        { "video_upscale", """{"model":"magnific_video_upscaler_creative","videoUri":"https://example.com/a.mp4","resolution":"4k","creativity":10}""" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies), DisableDiscoveryEnumeration = true)]
    public async Task Create_InvalidBody_Returns400WithIssueAtPath(string endpoint, string body, string path, string code)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/v1/{endpoint}", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await JsonAsync(response);
        var issues = json.GetProperty("issues").EnumerateArray()
            .Select(i => (Path: string.Join('.', i.GetProperty("path").EnumerateArray().Select(p => p.ToString())), Code: i.GetProperty("code").GetString()))
            .ToList();
        Assert.Contains((path, code), issues);
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("error").GetString()));
        Assert.Empty(Runway.Activity.Creates);
        Assert.Equal(Runway.Options.InitialCreditBalance, Runway.CreditBalance);
    }

    [Theory]
    [MemberData(nameof(ValidBodies), DisableDiscoveryEnumeration = true)]
    public async Task Create_ValidBody_Returns200WithIdAndEstimatedCost(string endpoint, string body)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/v1/{endpoint}", body);

        var json = await JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());
        Assert.True(Guid.TryParse(json.GetProperty("id").GetString(), out _));
        Assert.True(json.GetProperty("estimatedCost").GetProperty("credits").GetInt64() > 0);
        Assert.Single(Runway.Activity.Creates);
    }

    [Fact]
    public async Task Create_SeveralProblems_NamesEveryOneInErrorAndIssues()
    {
        using var response = await SendAsync(HttpMethod.Post, "/v1/image_to_video",
            """{"model":"gen4.5","promptImage":"http://x.example.com/a.png","promptText":"","ratio":"1:1","duration":50,"extra":true}""");

        var json = await JsonAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(5, json.GetProperty("issues").GetArrayLength());
        var error = json.GetProperty("error").GetString()!;
        foreach (var field in new[] { "promptImage", "promptText", "ratio", "duration", "extra" })
        {
            Assert.Contains(field, error);
        }
    }

    [Fact]
    public async Task Create_InvalidJson_Returns400()
    {
        using var response = await SendAsync(HttpMethod.Post, "/v1/text_to_video", "{not json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("JSON", (await JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Create_JsonArrayBody_Returns400()
    {
        using var response = await SendAsync(HttpMethod.Post, "/v1/text_to_video", "[]");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static string Gen45(string? without = null, params (string Name, object? Value)[] set)
    {
        var body = new JsonObject
        {
            ["model"] = "gen4.5",
            ["promptImage"] = Image,
            ["promptText"] = "A red fox running through snow",
            ["ratio"] = "1280:720",
            ["duration"] = 5,
        };
        if (without is not null)
        {
            body.Remove(without);
        }
        foreach (var (name, value) in set)
        {
            body[name] = value is JsonNode node ? node : JsonSerializer.SerializeToNode(value);
        }
        return body.ToJsonString();
    }

    private static string Json(params (string Name, string Value)[] fields) =>
        new JsonObject(fields.Select(f => KeyValuePair.Create(f.Name, (JsonNode?)f.Value))).ToJsonString();

    private static JsonArray Positions(params string[] positions) =>
        [.. positions.Select((p, i) => (JsonNode)new JsonObject { ["uri"] = $"https://example.com/{i}.png", ["position"] = p })];
}
