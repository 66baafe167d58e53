namespace RunwayRelay.Tests.Runway;

public sealed class RunwayRequestValidatorTests
{
    private const string Image = "https://example.com/cat.png";
    private const string Video = "https://example.com/clip.mp4";

    public static TheoryData<RunwayGenerationRequest> ValidRequests => new()
    {
        new ImageToVideoRequest { Model = "gen4.5", PromptImage = [new(Image)], PromptText = "a cat", Ratio = "1280:720", Duration = 5, Seed = 42 },
        new ImageToVideoRequest { Model = "gen4_turbo", PromptImage = [new(Image, "first")], Ratio = "1584:672" },
        new ImageToVideoRequest { Model = "veo3.1", PromptImage = [new(Image, "first"), new(Image, "last")], Ratio = "1080:1920", Duration = 6, Audio = false },
        new ImageToVideoRequest { Model = "veo3.1_fast", PromptImage = [new(Image)], Ratio = "1920:1080", NegativePrompt = "blur" },
        new ImageToVideoRequest { Model = "veo3", PromptImage = [new(Image)], Ratio = "1280:720", Duration = 8 },
        new ImageToVideoRequest { Model = "seedance2", PromptImage = [new(Image), new(Image)], Ratio = "3840:2160", Duration = 15 },
        new ImageToVideoRequest { Model = "seedance2_fast", PromptImage = [new(Image, "last")], Ratio = "640:640", Duration = 4 },
        new ImageToVideoRequest { Model = "gemini_omni_flash", PromptImage = [new("runway://upload/abc")], Duration = 3 },
        new TextToVideoRequest { Model = "gen4.5", PromptText = "a cat", Ratio = "720:1280", Duration = 10 },
        new TextToVideoRequest { Model = "veo3.1", PromptText = "a cat", Ratio = "1280:720" },
        new TextToVideoRequest { Model = "seedance2_mini", PromptText = "a cat", References = [new(Image)] },
        new VideoToVideoRequest { Model = "aleph2", VideoUri = Video, PromptText = "make it snow", TargetAspectRatio = "21:9",
            Keyframes = [new() { Uri = Image, Seconds = 2, Range = new(0, 5) }, new() { Uri = Image, Seconds = 7, Range = new(5, 10) }] },
        new VideoToVideoRequest { Model = "seedance2", PromptVideo = "data:video/mp4;base64,AAAA" },
        new VideoToVideoRequest { Model = "gemini_omni_flash", VideoUri = Video, PromptText = "x", References = [new(Image)] },
        new TextToImageRequest { Model = "gen4_image", PromptText = "a cat", Ratio = "1920:1080" },
        new TextToImageRequest { Model = "gen4_image_turbo", PromptText = "@cat on a sofa", Ratio = "1024:1024", ReferenceImages = [new(Image, "cat")] },
        new VideoUpscaleRequest { Model = "magnific_video_upscaler_creative", VideoUri = Video, Resolution = "4k" },
    };

    [Theory]
    [MemberData(nameof(ValidRequests))]
    public void Validate_ValidRequestPerModel_ReturnsNoIssues(RunwayGenerationRequest request)
    {
        Assert.Empty(RunwayRequestValidator.Validate(request));
    }

    [Fact]
    public void Validate_Gen45MissingEverything_ReportsEveryRequiredField()
    {
        var issues = RunwayRequestValidator.Validate(new ImageToVideoRequest { Model = "gen4.5" });

        Assert.Equal(["duration", "promptImage", "promptText", "ratio"], Fields(issues).Order());
        Assert.All(issues, i => Assert.Equal("required", i.Code));
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsAllNotJustTheFirst()
    {
        var request = new ImageToVideoRequest
        {
            Model = "gen4.5", PromptImage = [new("http://example.com/a.png")], PromptText = new string('a', 1001),
            Ratio = "16:9", Duration = 11, Seed = -1, Audio = true,
        };

        var fields = Fields(RunwayRequestValidator.Validate(request));

        Assert.Equal(["audio", "duration", "promptImage", "promptText", "ratio", "seed"], fields.Order());
    }

    [Theory]
    [InlineData("gen4.5", "1280:720", true)]
    [InlineData("gen4.5", "1920:1080", false)]
    [InlineData("veo3.1", "1080:1920", true)]
    [InlineData("veo3.1", "1104:832", false)]
    [InlineData("seedance2", "3840:3840", true)]
    [InlineData("seedance2_fast", "3840:3840", false)]
    [InlineData("seedance2_mini", "992:432", true)]
    [InlineData("gemini_omni_flash", "960:960", false)]
    public void Validate_Ratio_AcceptsOnlyTheModelsTable(string model, string ratio, bool valid)
    {
        var request = new ImageToVideoRequest { Model = model, PromptImage = [new(Image)], PromptText = "p", Ratio = ratio, Duration = model == "gen4.5" ? 5 : null };

        var ratioIssues = RunwayRequestValidator.Validate(request).Where(i => i.Field == "ratio").ToList();

        Assert.Equal(valid, ratioIssues.Count == 0);
        if (!valid)
        {
            Assert.Contains(ratio, ratioIssues[0].Message);
        }
    }

    [Theory]
    [InlineData("gen4.5", 2, true)]
    [InlineData("gen4.5", 10, true)]
    [InlineData("gen4.5", 1, false)]
    [InlineData("gen4.5", 11, false)]
    [InlineData("veo3.1", 6, true)]
    [InlineData("veo3.1", 5, false)]
    [InlineData("veo3", 8, true)]
    [InlineData("veo3", 4, false)]
    [InlineData("seedance2", 15, true)]
    [InlineData("seedance2", 3, false)]
    [InlineData("gemini_omni_flash", 11, false)]
    public void Validate_Duration_AcceptsOnlyTheModelsRange(string model, int duration, bool valid)
    {
        var ratio = model.StartsWith("veo", StringComparison.Ordinal) ? "1280:720" : model == "gen4.5" ? "1280:720" : null;
        var request = new TextToVideoRequest { Model = model, PromptText = "p", Ratio = ratio, Duration = duration };

        var issues = RunwayRequestValidator.Validate(request);

        Assert.Equal(valid, !issues.Any(i => i.Field == "duration"));
    }

    [Fact]
    public void Validate_PromptTextLength_CountsUtf16CodeUnits()
    {
        // 500 emoji are 500 text elements but 1000 UTF-16 code units: exactly at gen4.5's limit; one more unit is over.
        string atLimit = string.Concat(Enumerable.Repeat("\U0001F600", 500));
        var ok = new TextToVideoRequest { Model = "gen4.5", PromptText = atLimit, Ratio = "1280:720", Duration = 5 };
        var over = ok with { PromptText = atLimit + "a" };

        Assert.Empty(RunwayRequestValidator.Validate(ok));
        var issue = Assert.Single(RunwayRequestValidator.Validate(over));
        Assert.Equal("promptText", issue.Field);
        Assert.Contains("1001 UTF-16 code units", issue.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_EmptyPromptText_IsRejected(string text)
    {
        var issues = RunwayRequestValidator.Validate(new TextToVideoRequest { Model = "veo3.1", PromptText = text, Ratio = "1280:720" });

        Assert.Equal("promptText", Assert.Single(issues).Field);
    }

    [Theory]
    [InlineData(0L, true)]
    [InlineData(4294967295L, true)]
    [InlineData(4294967296L, false)]
    [InlineData(-1L, false)]
    public void Validate_Seed_MustBeUInt32(long seed, bool valid)
    {
        var request = new TextToVideoRequest { Model = "gen4.5", PromptText = "p", Ratio = "1280:720", Duration = 5, Seed = seed };

        Assert.Equal(valid, RunwayRequestValidator.Validate(request).Count == 0);
    }

    [Fact]
    public void Validate_SeedOnModelWithoutSeed_IsRejected()
    {
        var request = new ImageToVideoRequest { Model = "gemini_omni_flash", PromptImage = [new(Image)], Seed = 1 };

        var issue = Assert.Single(RunwayRequestValidator.Validate(request));
        Assert.Equal(("seed", "unrecognized_keys"), (issue.Field, issue.Code));
    }

    [Fact]
    public void Validate_HttpsUrlLength_AllowsUpTo2048()
    {
        string prefix = "https://example.com/";
        string at = prefix + new string('a', 2048 - prefix.Length);

        Assert.Empty(RunwayRequestValidator.ValidateMedia(at, RunwayMediaKind.Image, "promptImage"));
        var issue = Assert.Single(RunwayRequestValidator.ValidateMedia(at + "a", RunwayMediaKind.Image, "promptImage"));
        Assert.Equal("too_big", issue.Code);
        Assert.Contains("2049", issue.Message);
    }

    [Fact]
    public void Validate_RunwayUriLength_AllowsUpTo5000()
    {
        string at = "runway://" + new string('a', 5000 - 9);

        Assert.Empty(RunwayRequestValidator.ValidateMedia(at, RunwayMediaKind.Image, "promptImage"));
        Assert.Single(RunwayRequestValidator.ValidateMedia(at + "a", RunwayMediaKind.Image, "promptImage"));
    }

    [Theory]
    [InlineData(RunwayMediaKind.Image, "data:image/png;base64,", 5 * 1024 * 1024)]
    [InlineData(RunwayMediaKind.Video, "data:video/mp4;base64,", 16 * 1024 * 1024)]
    public void Validate_DataUriSize_AllowsUpToTheKindsLimit(RunwayMediaKind kind, string prefix, int limit)
    {
        string at = prefix + new string('A', limit - prefix.Length);

        Assert.Empty(RunwayRequestValidator.ValidateMedia(at, kind, "x"));
        var issue = Assert.Single(RunwayRequestValidator.ValidateMedia(at + "A", kind, "x"));
        Assert.Equal("too_big", issue.Code);
    }

    [Theory]
    [InlineData("http://example.com/cat.png", "https")]
    [InlineData("ftp://example.com/cat.png", "https://")]
    [InlineData("file:///etc/passwd", "https://")]
    [InlineData("cat.png", "https://")]
    [InlineData("data:video/mp4;base64,AAAA", "data:image")]
    [InlineData("data:image/png,rawbytes", "base64")]
    public void ValidateMedia_WrongForm_IsRejectedWithReason(string value, string expectedInMessage)
    {
        var issue = Assert.Single(RunwayRequestValidator.ValidateMedia(value, RunwayMediaKind.Image, "promptImage"));

        Assert.Equal("promptImage", issue.Field);
        Assert.Contains(expectedInMessage, issue.Message);
    }

    [Fact]
    public void Validate_PromptImageArray_ReportsIndexedPaths()
    {
        var request = new ImageToVideoRequest
        {
            Model = "veo3.1", Ratio = "1280:720",
            PromptImage = [new(Image, "first"), new("http://example.com/b.png", "last")],
        };

        var issue = Assert.Single(RunwayRequestValidator.Validate(request));
        Assert.Equal(["promptImage", "1", "uri"], issue.Path);
        Assert.Equal("promptImage.1.uri", issue.Field);
    }

    [Fact]
    public void Validate_LastPositionOnFirstOnlyModel_IsRejected()
    {
        var request = new ImageToVideoRequest { Model = "gen4.5", PromptText = "p", Ratio = "1280:720", Duration = 5, PromptImage = [new(Image, "last")] };

        var issue = Assert.Single(RunwayRequestValidator.Validate(request));
        Assert.Equal("promptImage.0.position", issue.Field);
        Assert.Contains("'first'", issue.Message);
    }

    [Fact]
    public void Validate_TooManyImagesOnFirstOnlyModel_IsRejected()
    {
        var request = new ImageToVideoRequest { Model = "gen4_turbo", Ratio = "1280:720", PromptImage = [new(Image, "first"), new(Image, "last")] };

        var fields = Fields(RunwayRequestValidator.Validate(request));
        Assert.Contains("promptImage", fields);
        Assert.Contains("promptImage.1.position", fields);
    }

    [Fact]
    public void Validate_LastOnlyOnVeo31_IsRejected()
    {
        var request = new ImageToVideoRequest { Model = "veo3.1", Ratio = "1280:720", PromptImage = [new(Image, "last")] };

        var issue = Assert.Single(RunwayRequestValidator.Validate(request));
        Assert.Equal(("promptImage", "invalid_combination"), (issue.Field, issue.Code));
    }

    [Fact]
    public void Validate_LastOnlyOnSeedance_IsAllowed()
    {
        var request = new ImageToVideoRequest { Model = "seedance2", PromptImage = [new(Image, "last")] };

        Assert.Empty(RunwayRequestValidator.Validate(request));
    }

    [Fact]
    public void Validate_DuplicatePosition_IsRejected()
    {
        var request = new ImageToVideoRequest { Model = "seedance2", PromptImage = [new(Image, "first"), new(Image, "first")] };

        var issue = Assert.Single(RunwayRequestValidator.Validate(request));
        Assert.Equal(("promptImage.1.position", "duplicate_position"), (issue.Field, issue.Code));
    }

    [Fact]
    public void Validate_SeedanceMixingKeyframesAndReferences_IsRejected()
    {
        var request = new ImageToVideoRequest { Model = "seedance2", PromptImage = [new(Image, "first"), new(Image)] };

        var issue = Assert.Single(RunwayRequestValidator.Validate(request));
        Assert.Equal(("promptImage", "invalid_combination"), (issue.Field, issue.Code));
    }

    [Fact]
    public void Validate_UnknownPosition_IsRejected()
    {
        var request = new ImageToVideoRequest { Model = "veo3.1", Ratio = "1280:720", PromptImage = [new(Image, "middle")] };

        Assert.Contains(RunwayRequestValidator.Validate(request), i => i.Field == "promptImage.0.position" && i.Message.Contains("middle"));
    }

    [Fact]
    public void Validate_ModelOnWrongEndpoint_NamesWhereItIsAvailable()
    {
        var issue = Assert.Single(RunwayRequestValidator.Validate(new TextToVideoRequest { Model = "gen4_turbo", PromptText = "p" }));

        Assert.Equal("model", issue.Field);
        Assert.Contains("image_to_video", issue.Message);
    }

    [Fact]
    public void Validate_UnknownModel_GetsOnlyGenericChecks()
    {
        var fine = new ImageToVideoRequest { Model = "gen9_future", PromptImage = [new(Image)], Ratio = "7:3", Duration = 99 };
        var bad = fine with { PromptImage = [new("http://example.com/x.png")], Seed = 5_000_000_000 };

        Assert.Empty(RunwayRequestValidator.Validate(fine));
        Assert.Equal(["promptImage", "seed"], Fields(RunwayRequestValidator.Validate(bad)).Order());
    }

    [Fact]
    public void Validate_FieldTheModelDoesNotTake_IsRejected()
    {
        var request = new TextToVideoRequest { Model = "gen4.5", PromptText = "p", Ratio = "1280:720", Duration = 5, NegativePrompt = "x", Audio = true, References = [new(Image)] };

        Assert.Equal(["audio", "negativePrompt", "references"], Fields(RunwayRequestValidator.Validate(request)).Order());
    }

    [Fact]
    public void Validate_VideoToVideoWrongVideoField_SaysWhichOne()
    {
        var issues = RunwayRequestValidator.Validate(new VideoToVideoRequest { Model = "seedance2", VideoUri = Video });

        Assert.Contains(issues, i => i.Field == "promptVideo" && i.Code == "required" && i.Message.Contains("not videoUri"));
        Assert.Contains(issues, i => i.Field == "videoUri" && i.Code == "unrecognized_keys");
    }

    [Fact]
    public void Validate_VideoFieldWithImageDataUri_IsRejected()
    {
        var issue = Assert.Single(RunwayRequestValidator.Validate(new VideoToVideoRequest { Model = "aleph2", VideoUri = "data:image/png;base64,AAAA" }));

        Assert.Equal("videoUri", issue.Field);
        Assert.Contains("data:video", issue.Message);
    }

    [Fact]
    public void Validate_AlephKeyframes_ChecksCountTimesAndRanges()
    {
        var request = new VideoToVideoRequest
        {
            Model = "aleph2", VideoUri = Video,
            Keyframes =
            [
                new() { Uri = Image, Seconds = 31 },
                new() { Uri = Image, At = 0.5, Seconds = 1 },
                new() { Uri = Image, At = 1.5, Range = new(3, 2) },
            ],
        };

        var fields = Fields(RunwayRequestValidator.Validate(request));

        Assert.Contains("keyframes", fields);               // some set a range, some do not
        Assert.Contains("keyframes.0.seconds", fields);     // > 30
        Assert.Contains("keyframes.1", fields);             // both seconds and at
        Assert.Contains("keyframes.2.at", fields);          // > 1
        Assert.Contains("keyframes.2.range", fields);       // end before start
    }

    [Fact]
    public void Validate_AlephTooManyKeyframes_IsRejected()
    {
        var request = new VideoToVideoRequest { Model = "aleph2", VideoUri = Video, Keyframes = Enumerable.Range(0, 6).Select(i => new VideoKeyframe { Uri = Image, Seconds = i }).ToList() };

        Assert.Equal(("keyframes", "too_big"), (RunwayRequestValidator.Validate(request).Single().Field, RunwayRequestValidator.Validate(request).Single().Code));
    }

    [Fact]
    public void Validate_SeedanceTooManyReferences_IsRejected()
    {
        var request = new TextToVideoRequest { Model = "seedance2", PromptText = "p", References = Enumerable.Range(0, 10).Select(_ => new MediaReference(Image)).ToList() };

        Assert.Equal("references", Assert.Single(RunwayRequestValidator.Validate(request)).Field);
    }

    [Fact]
    public void Validate_Gen4ImageTurboWithoutReferences_IsRejected()
    {
        var issues = RunwayRequestValidator.Validate(new TextToImageRequest { Model = "gen4_image_turbo", PromptText = "p", Ratio = "1024:1024" });

        Assert.Equal(("referenceImages", "required"), (issues.Single().Field, issues.Single().Code));
    }

    [Fact]
    public void Validate_ReferenceImageTag_MustBeWellFormed()
    {
        var request = new TextToImageRequest { Model = "gen4_image", PromptText = "p", Ratio = "1024:1024", ReferenceImages = [new(Image, "9bad-tag")] };

        Assert.Equal("referenceImages.0.tag", Assert.Single(RunwayRequestValidator.Validate(request)).Field);
    }

    [Fact]
    public void Validate_ContentModerationThreshold_MustBeAutoOrLow()
    {
        var request = new TextToVideoRequest { Model = "gen4.5", PromptText = "p", Ratio = "1280:720", Duration = 5, ContentModeration = new("high") };

        Assert.Equal("contentModeration.publicFigureThreshold", Assert.Single(RunwayRequestValidator.Validate(request)).Field);
    }

    [Fact]
    public void Validate_UpscaleResolution_MustBeKnown()
    {
        var issues = RunwayRequestValidator.Validate(new VideoUpscaleRequest { Model = "magnific_video_upscaler_creative", VideoUri = Video, Resolution = "8k", PromptText = "p" });

        Assert.Equal(["promptText", "resolution"], Fields(issues).Order());
    }

    private static List<string> Fields(IReadOnlyList<RunwayIssue> issues) => issues.Select(i => i.Field).ToList();
}
