namespace RunwayRelay.Tests.Http;

public sealed class GenerationRequestMapperTests
{
    private static readonly GenerationRequestPolicy Callbacks = new(CallbacksEnabled: true, AllowLoopbackCallbacks: false);

    private static (AcceptedGenerationRequest? Accepted, IReadOnlyDictionary<string, string[]> Errors) Map(string json, GenerationRequestPolicy? policy = null)
    {
        var errors = new ValidationErrors();
        using var document = JsonDocument.Parse(json);
        var body = GenerationRequestReader.Read(document.RootElement, errors);
        var accepted = GenerationRequestMapper.Map(body, policy ?? Callbacks, errors);
        return (accepted, errors.ToDictionary());
    }

    [Fact]
    public void Map_NoEndpointWithPromptImage_AssumesImageToVideo()
    {
        var (accepted, errors) = Map("""{"model":"gen4_turbo","promptImage":"https://example.com/cat.png","ratio":"1280:720","duration":5,"promptText":"a cat"}""");

        Assert.Empty(errors);
        var request = Assert.IsType<ImageToVideoRequest>(accepted!.Request);
        Assert.Equal("https://example.com/cat.png", Assert.Single(request.PromptImage).Uri);
        Assert.Equal(5, request.Duration);
        Assert.Null(accepted.OutputBlobName);
        Assert.Null(accepted.CallbackUrl);
    }

    [Fact]
    public void Map_NoEndpointNoImage_AssumesTextToVideo()
    {
        var (accepted, errors) = Map("""{"model":"gen4.5","promptText":"a lighthouse","ratio":"1280:720","duration":5}""");

        Assert.Empty(errors);
        Assert.IsType<TextToVideoRequest>(accepted!.Request);
    }

    [Fact]
    public void Map_NoEndpointButVideoUri_SaysWhichEndpointsTakeIt()
    {
        var (accepted, errors) = Map("""{"model":"gen4.5","promptText":"x","ratio":"1280:720","duration":5,"videoUri":"https://example.com/v.mp4"}""");

        Assert.Null(accepted);
        Assert.Contains("text_to_video was assumed", errors["videoUri"][0]);
        Assert.Contains("video_to_video, video_upscale", errors["videoUri"][0]);
    }

    [Fact]
    public void Map_UnknownEndpoint_ListsTheKnownOnes()
    {
        var (accepted, errors) = Map("""{"endpoint":"image_to_image","model":"x"}""");

        Assert.Null(accepted);
        Assert.Contains("image_to_video, text_to_video, video_to_video, text_to_image, video_upscale", errors["endpoint"][0]);
    }

    [Fact]
    public void Map_FieldsOtherEndpointsTake_NamesEach()
    {
        var (accepted, errors) = Map("""
            {"endpoint":"text_to_image","model":"gen4_image","promptText":"x","ratio":"1920:1080","duration":5,"promptImage":"https://example.com/a.png","audio":true}
            """);

        Assert.Null(accepted);
        Assert.Contains("is not a field of text_to_image", errors["duration"][0]);
        Assert.Contains("is not a field of text_to_image", errors["promptImage"][0]);
        Assert.Contains("is not a field of text_to_image", errors["audio"][0]);
    }

    [Fact]
    public void Map_ModelRulesBroken_ReportsValidatorIssuesByRunwayPath()
    {
        var (accepted, errors) = Map("""{"endpoint":"image_to_video","model":"gen4_turbo","ratio":"1:1","duration":42,"promptImage":[{"uri":"ftp://x/y.png","position":"first"}]}""");

        Assert.Null(accepted);
        Assert.Contains("ratio", errors.Keys);
        Assert.Contains("duration", errors.Keys);
        Assert.Contains(errors.Keys, k => k.StartsWith("promptImage", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_MissingModel_IsRequired()
    {
        var (accepted, errors) = Map("""{"promptText":"a lighthouse"}""");

        Assert.Null(accepted);
        Assert.Contains("required", errors["model"][0]);
    }

    [Fact]
    public void Map_ReadProblem_IsNotRepeatedAsRequiredByTheValidator()
    {
        var (_, errors) = Map("""{"endpoint":"image_to_video","model":"gen4_turbo","ratio":"1280:720","promptImage":42}""");

        var message = Assert.Single(errors["promptImage"]);
        Assert.Contains("URI string or an array", message);
    }

    [Theory]
    [InlineData("../escape.mp4", "'..'")]
    [InlineData("a/../b.mp4", "'..'")]
    [InlineData("/absolute.mp4", "start with '/'")]
    [InlineData("dir\\file.mp4", "'\\'")]
    [InlineData("dir/", "end with")]
    [InlineData("a//b.mp4", "empty path segments")]
    [InlineData("", "empty")]
    [InlineData("tab\there.mp4", "control characters")]
    public void BlobNameProblem_UnsafeName_IsRefused(string name, string expected)
    {
        var problem = GenerationRequestMapper.BlobNameProblem(name);

        Assert.NotNull(problem);
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void BlobNameProblem_TooLong_IsRefusedAtTheLimit()
    {
        Assert.Null(GenerationRequestMapper.BlobNameProblem(string.Join('/', Enumerable.Repeat(new string('a', 200), 5)) + "/" + new string('b', 19)));
        Assert.Contains("at most 1024", GenerationRequestMapper.BlobNameProblem(new string('a', 1025))!);
    }

    [Theory]
    [InlineData("videos/2026/cat.mp4")]
    [InlineData("cat.v2.mp4")]
    [InlineData("ünïcödé name.mp4")]
    public void BlobNameProblem_SafeName_IsAccepted(string name) => Assert.Null(GenerationRequestMapper.BlobNameProblem(name));

    [Fact]
    public void Map_OutputBlobNameAndHttpsCallback_AreCarried()
    {
        var (accepted, errors) = Map("""{"model":"gen4.5","promptText":"x","ratio":"1280:720","duration":5,"outputBlobName":"out/x.mp4","callbackUrl":"https://hooks.example.com/done?t=1"}""");

        Assert.Empty(errors);
        Assert.Equal("out/x.mp4", accepted!.OutputBlobName);
        Assert.Equal(new Uri("https://hooks.example.com/done?t=1"), accepted.CallbackUrl);
    }

    [Theory]
    [InlineData("http://hooks.example.com/done", true, true, "https")]
    [InlineData("http://127.0.0.1:9000/done", true, false, "Callbacks__AllowLoopback")]
    [InlineData("https://localhost/done", true, false, "Callbacks__AllowLoopback")]
    [InlineData("https://localhost./done", true, false, "Callbacks__AllowLoopback")]
    [InlineData("https://10.0.0.5/done", true, true, "a private address (10.0.0.0/8)")]
    [InlineData("https://[fd00::1]/done", true, true, "(fc00::/7)")]
    [InlineData("not a url", true, true, "absolute https URL")]
    [InlineData("ftp://example.com/x", true, true, "absolute https URL")]
    [InlineData("https://hooks.example.com/done", false, false, "Callbacks__SigningSecret")]
    public void Map_BadCallbackUrl_IsRefused(string url, bool enabled, bool allowLoopback, string expected)
    {
        var (accepted, errors) = Map($$"""{"model":"gen4.5","promptText":"x","ratio":"1280:720","duration":5,"callbackUrl":"{{url}}"}""",
            new GenerationRequestPolicy(enabled, allowLoopback));

        Assert.Null(accepted);
        Assert.Contains(expected, errors["callbackUrl"][0]);
    }

    [Fact]
    public void Map_LoopbackCallbackWhenAllowed_IsAccepted()
    {
        var (accepted, errors) = Map("""{"model":"gen4.5","promptText":"x","ratio":"1280:720","duration":5,"callbackUrl":"http://127.0.0.1:9000/done"}""",
            new GenerationRequestPolicy(true, true));

        Assert.Empty(errors);
        Assert.Equal(9000, accepted!.CallbackUrl!.Port);
    }

    [Fact]
    public void Map_EveryEndpoint_BuildsItsTypedRequest()
    {
        var cases = new (string Json, Type Expected)[]
        {
            ("""{"endpoint":"video_to_video","model":"aleph2","promptText":"x","videoUri":"https://example.com/v.mp4"}""", typeof(VideoToVideoRequest)),
            ("""{"endpoint":"text_to_image","model":"gen4_image","promptText":"x","ratio":"1920:1080"}""", typeof(TextToImageRequest)),
            ("""{"endpoint":"video_upscale","model":"magnific_video_upscaler_creative","videoUri":"https://example.com/v.mp4"}""", typeof(VideoUpscaleRequest)),
        };
        foreach (var (json, expected) in cases)
        {
            var (accepted, errors) = Map(json);
            Assert.True(errors.Count == 0, json + " → " + string.Join("; ", errors.Select(e => e.Key + ": " + string.Join(",", e.Value))));
            Assert.IsType(expected, accepted!.Request);
        }
    }
}
