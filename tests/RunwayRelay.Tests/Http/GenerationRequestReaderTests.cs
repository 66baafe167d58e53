namespace RunwayRelay.Tests.Http;

public sealed class GenerationRequestReaderTests
{
    private static (GenerationRequestBody Body, ValidationErrors Errors) Read(string json)
    {
        var errors = new ValidationErrors();
        using var document = JsonDocument.Parse(json);
        return (GenerationRequestReader.Read(document.RootElement, errors), errors);
    }

    [Fact]
    public void Read_EveryFieldWellTyped_FillsBodyWithoutErrors()
    {
        var (body, errors) = Read("""
            {"endpoint":"video_to_video","model":"aleph2","promptText":"p","videoUri":"https://example.com/v.mp4","promptVideo":"https://example.com/p.mp4",
             "ratio":"1280:720","duration":5,"seed":4294967295,"audio":true,"negativePrompt":"n","contentModeration":{"publicFigureThreshold":"low"},
             "references":[{"uri":"https://example.com/r.png","type":"image"}],"referenceImages":[{"uri":"https://example.com/i.png","tag":"cat"}],
             "keyframes":[{"uri":"https://example.com/k.png","seconds":1.5,"range":{"start_seconds":0,"end_seconds":2}}],
             "targetAspectRatio":"16:9","resolution":"4k","outputBlobName":"a/b.mp4","callbackUrl":"https://example.com/cb"}
            """);

        Assert.Equal(0, errors.Count);
        Assert.Equal("video_to_video", body.Endpoint);
        Assert.Equal(5, body.Get<int?>(GenerationFields.Duration));
        Assert.Equal(4294967295L, body.Get<long?>(GenerationFields.Seed));
        Assert.True(body.Get<bool?>(GenerationFields.Audio));
        Assert.Equal("low", body.Get<ContentModeration>(GenerationFields.ContentModeration)!.PublicFigureThreshold);
        Assert.Equal("image", Assert.Single(body.Get<IReadOnlyList<MediaReference>>(GenerationFields.References)!).Type);
        Assert.Equal("cat", Assert.Single(body.Get<IReadOnlyList<ReferenceImage>>(GenerationFields.ReferenceImages)!).Tag);
        var keyframe = Assert.Single(body.Get<IReadOnlyList<VideoKeyframe>>(GenerationFields.Keyframes)!);
        Assert.Equal(1.5, keyframe.Seconds);
        Assert.Equal(2, keyframe.Range!.EndSeconds);
        Assert.Equal(18, body.Present.Count);
    }

    [Fact]
    public void Read_WrongTypesInManyFields_NamesEveryOne()
    {
        var (_, errors) = Read("""
            {"model":7,"promptText":["x"],"duration":"5","seed":1.5,"audio":"yes","ratio":{},"outputBlobName":false,
             "promptImage":[{"uri":3,"position":"first"},{"position":"last"},42],"contentModeration":"auto"}
            """);

        Assert.Equal(
            ["model", "promptText", "duration", "seed", "audio", "ratio", "outputBlobName", "promptImage.0.uri", "promptImage.1.uri", "promptImage.2", "contentModeration"],
            errors.Fields.ToArray());
        var map = errors.ToDictionary();
        Assert.Contains("whole number", map["duration"][0]);
        Assert.Contains("a string", map["duration"][0]);
        Assert.Contains("the number 1.5", map["seed"][0]);
        Assert.Contains("true or false", map["audio"][0]);
        Assert.Equal("is required", map["promptImage.1.uri"][0]);
    }

    [Fact]
    public void Read_PromptImageString_BecomesSingleImageWithoutPosition()
    {
        var (body, errors) = Read("""{"promptImage":"https://example.com/a.png"}""");

        Assert.Equal(0, errors.Count);
        var image = Assert.Single(body.Get<IReadOnlyList<PromptImage>>(GenerationFields.PromptImage)!);
        Assert.Equal("https://example.com/a.png", image.Uri);
        Assert.Null(image.Position);
    }

    [Fact]
    public void Read_UnknownFieldWithOtherCase_SuggestsTheRealName()
    {
        var (_, errors) = Read("""{"PromptText":"a cat","prompt":"a dog"}""");

        var map = errors.ToDictionary();
        Assert.Contains("did you mean 'promptText'", map["PromptText"][0]);
        Assert.Contains("not a known field", map["prompt"][0]);
    }

    [Fact]
    public void Read_FieldTwice_ReportsDuplicate()
    {
        var (_, errors) = Read("""{"model":"gen4.5","model":"veo3"}""");

        Assert.Equal("appears more than once", errors.ToDictionary()["model"][0]);
    }

    [Fact]
    public void Read_NullValues_CountAsAbsent()
    {
        var (body, errors) = Read("""{"model":"gen4.5","seed":null,"promptImage":null}""");

        Assert.Equal(0, errors.Count);
        Assert.Null(body.Get<long?>(GenerationFields.Seed));
        Assert.Null(body.Get<IReadOnlyList<PromptImage>>(GenerationFields.PromptImage));
        Assert.Equal(["model"], body.Present.ToArray());
    }

    [Fact]
    public void Read_NotAnObject_ReportsTheBody()
    {
        var (_, errors) = Read("""["model"]""");

        Assert.Equal(["$"], errors.Fields.ToArray());
        Assert.Contains("JSON object", errors.ToDictionary()["$"][0]);
    }

    [Fact]
    public void Read_NestedUnknownAndMissing_UsesDottedPaths()
    {
        var (_, errors) = Read("""{"keyframes":[{"uri":"https://e.com/k.png","range":{"start_seconds":0},"when":1}],"references":["https://e.com/x.png"]}""");

        var map = errors.ToDictionary();
        Assert.Equal("is required", map["keyframes.0.range.end_seconds"][0]);
        Assert.Contains("not a known field", map["keyframes.0.when"][0]);
        Assert.Contains("must be a {uri, type} object", map["references.0"][0]);
    }
}
