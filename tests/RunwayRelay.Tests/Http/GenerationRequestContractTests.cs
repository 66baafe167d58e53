namespace RunwayRelay.Tests.Http;

/// <summary>The fields of the body come from the request records; these pin what that derivation yields today.</summary>
public sealed class GenerationRequestContractTests
{
    [Fact]
    public void Fields_DerivedFromRecords_AreTodaysFieldsInTodaysOrder()
    {
        // The order is in every "known fields" hint and in docs/openapi.json.
        Assert.Equal(
            ["endpoint", "model", "promptText", "promptImage", "videoUri", "promptVideo", "ratio", "duration", "seed", "audio", "negativePrompt",
             "contentModeration", "references", "referenceImages", "keyframes", "targetAspectRatio", "resolution", "outputBlobName", "callbackUrl",
             "callbackEvents"],
            GenerationFields.All);
    }

    [Fact]
    public void EndpointsOf_DerivedFromRecords_NamesTheEndpointsWhoseRecordHasTheField()
    {
        string[] all = [.. RunwayEndpoints.All];
        string[] video = [RunwayEndpoints.ImageToVideo, RunwayEndpoints.TextToVideo, RunwayEndpoints.VideoToVideo];
        var expected = new Dictionary<string, string[]>
        {
            ["endpoint"] = all, ["model"] = all, ["promptText"] = all, ["seed"] = all, ["outputBlobName"] = all, ["callbackUrl"] = all,
            ["callbackEvents"] = all,
            ["ratio"] = [.. video, RunwayEndpoints.TextToImage], ["contentModeration"] = [.. video, RunwayEndpoints.TextToImage],
            ["duration"] = video, ["audio"] = video, ["negativePrompt"] = video,
            ["promptImage"] = [RunwayEndpoints.ImageToVideo],
            ["references"] = [RunwayEndpoints.TextToVideo, RunwayEndpoints.VideoToVideo],
            ["referenceImages"] = [RunwayEndpoints.TextToImage],
            ["keyframes"] = [RunwayEndpoints.VideoToVideo], ["targetAspectRatio"] = [RunwayEndpoints.VideoToVideo],
            ["promptVideo"] = [RunwayEndpoints.VideoToVideo],
            ["videoUri"] = [RunwayEndpoints.VideoToVideo, RunwayEndpoints.VideoUpscale],
            ["resolution"] = [RunwayEndpoints.VideoUpscale],
        };

        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), GenerationRequestMapper.EndpointsOf.Keys.Order(StringComparer.Ordinal));
        foreach (var (field, endpoints) in expected)
        {
            Assert.True(endpoints.SequenceEqual(GenerationRequestMapper.EndpointsOf[field]),
                $"{field}: expected {string.Join(", ", endpoints)}, got {string.Join(", ", GenerationRequestMapper.EndpointsOf[field])}");
        }
    }

    [Theory]
    [InlineData("Endpoint")]
    [InlineData("endpoint")]
    public void Read_TheDiscriminatorPropertyOfTheRecords_IsNotARunwayField(string name)
    {
        // The records' Endpoint property is [JsonIgnore]: only the relay's own lower-case endpoint field is read.
        var errors = new ValidationErrors();
        using var document = JsonDocument.Parse($$"""{"{{name}}":"text_to_video"}""");

        var body = GenerationRequestReader.Read(document.RootElement, errors);

        Assert.Equal(name == "endpoint", errors.Count == 0);
        Assert.Equal(name == "endpoint" ? "text_to_video" : null, body.Endpoint);
    }

    [Fact]
    public void Build_EveryFieldOfEveryRecord_LandsInTheTypedRequest()
    {
        var values = new Dictionary<string, object>
        {
            ["model"] = "m", ["promptText"] = "p", ["seed"] = 7L, ["ratio"] = "1:1", ["duration"] = 5, ["audio"] = true, ["negativePrompt"] = "n",
            ["contentModeration"] = new ContentModeration("low"), ["promptImage"] = new List<PromptImage> { new("https://e.com/a.png", "first") },
            ["references"] = new List<MediaReference> { new("https://e.com/r.png") }, ["referenceImages"] = new List<ReferenceImage> { new("https://e.com/i.png", "cat") },
            ["keyframes"] = new List<VideoKeyframe> { new() { Uri = "https://e.com/k.png", At = 0.5 } }, ["targetAspectRatio"] = "16:9",
            ["promptVideo"] = "https://e.com/p.mp4", ["videoUri"] = "https://e.com/v.mp4", ["resolution"] = "4k",
        };
        var body = new GenerationRequestBody { Values = values };

        foreach (string endpoint in RunwayEndpoints.All)
        {
            var request = GenerationRequestMapper.Build(endpoint, body);

            Assert.Equal(endpoint, request.Endpoint);
            var json = JsonSerializer.SerializeToElement(request, request.GetType());
            var expected = GenerationRequestMapper.EndpointsOf.Where(e => e.Value.Contains(endpoint) && values.ContainsKey(e.Key)).Select(e => e.Key);
            Assert.Equal(expected.Order(StringComparer.Ordinal), json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Equal("m", request.Model);
            Assert.Equal(7L, request.Seed);
        }
    }

    [Fact]
    public void Build_NoModel_IsEmptyForTheValidatorToCallRequired()
    {
        var request = GenerationRequestMapper.Build(RunwayEndpoints.TextToImage, new GenerationRequestBody());

        Assert.Equal("", request.Model);
        Assert.Contains(RunwayRequestValidator.Validate(request), i => i.Field == "model" && i.Message == "is required");
    }

    [Fact]
    public void Map_BodyBuiltInCodeWithAFieldOfAnotherEndpoint_IsRefusedLikeARead()
    {
        var body = new GenerationRequestBody
        {
            Values = new Dictionary<string, object>
            {
                [GenerationFields.Endpoint] = RunwayEndpoints.TextToImage, [GenerationFields.Model] = "gen4_image", [GenerationFields.PromptText] = "a cat",
                [GenerationFields.Ratio] = "1024:1024", [GenerationFields.Duration] = 5,
            },
        };
        var errors = new ValidationErrors();

        var accepted = GenerationRequestMapper.Map(body, new GenerationRequestPolicy(false, false), errors);

        Assert.Null(accepted);
        Assert.Equal(["duration"], errors.Fields.ToArray());
        Assert.StartsWith("is not a field of text_to_image;", Assert.Single(errors.ToDictionary()["duration"]), StringComparison.Ordinal);
    }
}
