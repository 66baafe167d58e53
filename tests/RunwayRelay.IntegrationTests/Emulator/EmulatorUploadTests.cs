using System.Net.Http.Headers;
using RunwayRelay.Emulator.Admin;

namespace RunwayRelay.IntegrationTests.Emulator;

/// <summary>Ephemeral uploads over real HTTP: POST /v1/uploads, the presigned multipart POST, and runway:// URIs in creates.</summary>
public sealed class EmulatorUploadTests : EmulatorTestBase
{
    private sealed record Slot(string UploadUrl, Dictionary<string, string> Fields, string RunwayUri);

    [Fact]
    public async Task Upload_FullFlow_RunwayUriWorksInImageToVideoMoreThanOnce()
    {
        var bytes = RandomNumberGenerator.GetBytes(4096);
        var slot = await CreateSlotAsync("fox.png");

        Assert.StartsWith("runway://", slot.RunwayUri, StringComparison.Ordinal);
        Assert.StartsWith(Runway.BaseUrl.ToString().TrimEnd('/'), slot.UploadUrl, StringComparison.Ordinal);
        Assert.DoesNotContain('?', slot.UploadUrl);
        using (var stored = await PostFileAsync(slot, bytes))
        {
            Assert.Equal(HttpStatusCode.NoContent, stored.StatusCode);
        }

        var first = await CreateTaskAsync(WithImage(slot.RunwayUri));
        var (_, final) = await WaitForEndAsync(first);
        Assert.Equal("SUCCEEDED", final.GetProperty("status").GetString());
        await CreateTaskAsync(WithImage(slot.RunwayUri)); // ephemeral URIs can be used more than once

        var activity = Runway.Activity;
        var upload = Assert.Single(activity.Uploads);
        Assert.Equal(4096, upload.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), upload.Sha256);
        Assert.Equal("fox.png", upload.FileName);
        Assert.Equal("image/png", upload.ContentType);
        Assert.False(upload.HadAuthorization);
        Assert.Equal(1, activity.UploadSlotAttempts);
        Assert.Equal(1, activity.StorageAttempts);
        Assert.Equal(2, activity.Creates.Count);
    }

    [Theory]
    [InlineData("""{"filename":"a.","type":"ephemeral"}""", "filename", "too_small")]
    [InlineData("""{"filename":"setup.exe","type":"ephemeral"}""", "filename", "custom")]
    [InlineData("""{"filename":"../x.png","type":"ephemeral"}""", "filename", "custom")]
    [InlineData("""{"filename":"x.png","type":"permanent"}""", "type", "invalid_literal")]
    [InlineData("""{"type":"ephemeral"}""", "filename", "invalid_type")]
    [InlineData("""{"filename":"x.png","type":"ephemeral","public":true}""", "", "unrecognized_keys")]
    public async Task CreateSlot_InvalidBody_Answers400InRunwayShape(string body, string path, string code)
    {
        using var response = await SendAsync(HttpMethod.Post, "/v1/uploads", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("error").GetString()));
        Assert.Contains(json.GetProperty("issues").EnumerateArray(), i =>
            i.GetProperty("code").GetString() == code
            && string.Join('.', i.GetProperty("path").EnumerateArray().Select(p => p.ToString())) == path);
    }

    [Fact]
    public async Task CreateSlot_WithoutKeyOrCredits_Answers401Or400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/uploads") { Content = JsonBody("x.png") };
        request.Headers.TryAddWithoutValidation("X-Runway-Version", Version);
        using var noKey = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);

        Runway.CreditBalance = 0;
        using var noCredits = await SendAsync(HttpMethod.Post, "/v1/uploads", """{"filename":"x.png","type":"ephemeral"}""");
        Assert.Equal(HttpStatusCode.BadRequest, noCredits.StatusCode);
        Assert.Contains("credits", (await JsonAsync(noCredits)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("policy", null)]
    [InlineData("x-amz-signature", null)]
    [InlineData("key", null)]
    [InlineData("key", "uploads/another/fox.png")]
    [InlineData("x-amz-signature", "0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("x-amz-date", "20200101T000000Z")]
    public async Task PostFile_MissingOrAlteredField_Answers403AndStoresNothing(string field, string? value)
    {
        var slot = await CreateSlotAsync("fox.png");
        var fields = new Dictionary<string, string>(slot.Fields);
        if (value is null)
        {
            fields.Remove(field);
        }
        else
        {
            fields[field] = value;
        }

        using var response = await PostFileAsync(slot with { Fields = fields }, new byte[1024]);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("<Code>AccessDenied</Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Runway.Activity.Uploads);
        Assert.Equal(HttpStatusCode.BadRequest, await CreateStatusAsync(slot.RunwayUri)); // never uploaded
    }

    [Fact]
    public async Task PostFile_WithAuthorizationHeader_IsRecordedWithoutTheValue()
    {
        var slot = await CreateSlotAsync("fox.png");
        Http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Bearer {Key}");

        using var response = await PostFileAsync(slot, new byte[1024]);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(Assert.Single(Runway.Activity.Uploads).HadAuthorization);
        Assert.DoesNotContain(Key, JsonSerializer.Serialize(Runway.Activity), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostFile_ChunkedWithoutLength_Answers411()
    {
        var slot = await CreateSlotAsync("fox.png");
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in slot.Fields)
        {
            form.Add(new StringContent(value), name);
        }
        form.Add(new StreamContent(new NoLengthStream(new byte[1024])), "file", "fox.png");
        using var request = new HttpRequestMessage(HttpMethod.Post, slot.UploadUrl) { Content = form };
        request.Headers.TransferEncodingChunked = true;

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.LengthRequired, response.StatusCode);
        Assert.Empty(Runway.Activity.Uploads);
    }

    [Fact]
    public async Task PostFile_FieldsOfAnotherSlot_Answers403()
    {
        var mine = await CreateSlotAsync("a.png");
        var other = await CreateSlotAsync("b.png");

        using var response = await PostFileAsync(mine with { Fields = other.Fields }, new byte[1024]);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task PostFile_AfterPolicyExpired_Answers403()
    {
        var slot = await CreateSlotAsync("fox.png");
        Clock.Offset = Runway.Options.UploadUrlLifetime + TimeSpan.FromSeconds(1);

        using var response = await PostFileAsync(slot, new byte[1024]);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Policy expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(511, HttpStatusCode.BadRequest, "EntityTooSmall")]
    [InlineData(512, HttpStatusCode.NoContent, null)]
    [InlineData(8192, HttpStatusCode.NoContent, null)]
    [InlineData(8193, HttpStatusCode.BadRequest, "EntityTooLarge")]
    public async Task PostFile_SizeLimits_Answer400OutsideRange(int size, HttpStatusCode expected, string? code)
    {
        Runway.Options.MaxUploadBytes = 8192; // the policy of slots made from now on carries the range

        var slot = await CreateSlotAsync("clip.mp4");
        using var response = await PostFileAsync(slot, new byte[size], "video/mp4");

        Assert.Equal(expected, response.StatusCode);
        if (code is not null)
        {
            Assert.Contains($"<Code>{code}</Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Empty(Runway.Activity.Uploads);
        }
        else
        {
            Assert.Equal(size, Assert.Single(Runway.Activity.Uploads).Bytes);
        }
    }

    [Fact]
    public async Task PostFile_DefaultLimit_Is200MiBAndLargeFilesStream()
    {
        Assert.Equal(200L * 1024 * 1024, new EmulatorOptions().MaxUploadBytes);
        Assert.Equal(512, new EmulatorOptions().MinUploadBytes);

        // Larger than Kestrel's default 30 MB request limit: the upload target lifts it up to the policy's range.
        var slot = await CreateSlotAsync("big.mp4");
        using var response = await PostFileAsync(slot, new byte[40 * 1024 * 1024], "video/mp4");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(40 * 1024 * 1024, Assert.Single(Runway.Activity.Uploads).Bytes);
    }

    [Fact]
    public async Task PostFile_Repeated_ReplacesTheFileAndKeepsTheUri()
    {
        var slot = await CreateSlotAsync("fox.png");
        using (var first = await PostFileAsync(slot, new byte[1000]))
        using (var second = await PostFileAsync(slot, new byte[2000]))
        {
            Assert.True(first.StatusCode == HttpStatusCode.NoContent, await first.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        }

        Assert.Equal([1000L, 2000L], Runway.Activity.Uploads.Select(u => u.Bytes));
        Assert.Equal(HttpStatusCode.OK, await CreateStatusAsync(slot.RunwayUri));
    }

    [Fact]
    public async Task Create_UnknownOrNotUploadedRunwayUri_Answers400AtItsPath()
    {
        var pending = await CreateSlotAsync("fox.png");
        var body = new
        {
            model = "veo3.1",
            ratio = "1280:720",
            promptImage = new object[]
            {
                new { uri = "runway://uploads/00000000-0000-0000-0000-000000000000", position = "first" },
                new { uri = pending.RunwayUri, position = "last" },
            },
        };

        using var response = await SendAsync(HttpMethod.Post, "/v1/image_to_video", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await JsonAsync(response);
        var paths = json.GetProperty("issues").EnumerateArray()
            .Select(i => string.Join('.', i.GetProperty("path").EnumerateArray().Select(p => p.ToString()))).ToList();
        Assert.Equal(["promptImage.0.uri", "promptImage.1.uri"], paths);
        Assert.Contains("never uploaded", json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(Runway.Activity.Creates);
        Assert.Equal(Runway.Options.InitialCreditBalance, Runway.CreditBalance);
    }

    [Fact]
    public async Task Create_RunwayUriOlderThan24Hours_Answers400Expired()
    {
        var slot = await CreateSlotAsync("clip.mp4");
        using (var stored = await PostFileAsync(slot, new byte[1024], "video/mp4"))
        {
            Assert.Equal(HttpStatusCode.NoContent, stored.StatusCode);
        }
        Clock.Offset = TimeSpan.FromHours(24) - TimeSpan.FromMinutes(1);
        Assert.Equal(HttpStatusCode.OK, await CreateStatusAsync(slot.RunwayUri));

        Clock.Offset = TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1);
        using var response = await SendAsync(HttpMethod.Post, "/v1/video_to_video", new { model = "aleph2", videoUri = slot.RunwayUri });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.Equal("videoUri: This runway:// URI has expired (ephemeral uploads last 24 hours): upload the file again", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Create_RunwayUriLifetime_FollowsTimeScale()
    {
        Runway.Options.TimeScale = 0.001; // 24 h become 86.4 s
        var slot = await CreateSlotAsync("fox.png");
        using (var stored = await PostFileAsync(slot, new byte[1024]))
        {
            Assert.Equal(HttpStatusCode.NoContent, stored.StatusCode);
        }

        Clock.Offset = TimeSpan.FromSeconds(87);

        Assert.Equal(HttpStatusCode.BadRequest, await CreateStatusAsync(slot.RunwayUri));
    }

    [Fact]
    public async Task Reset_ForgetsUploads()
    {
        var slot = await CreateSlotAsync("fox.png");
        using (var stored = await PostFileAsync(slot, new byte[1024]))
        {
            Assert.Equal(HttpStatusCode.NoContent, stored.StatusCode);
        }

        Runway.Reset();

        Assert.Empty(Runway.Activity.Uploads);
        Assert.Equal(HttpStatusCode.BadRequest, await CreateStatusAsync(slot.RunwayUri));
    }

    [Fact]
    public async Task UploadFaults_AreInjectedPerStep()
    {
        Runway.Options.Faults.Upload.TooManyRequestsNext = 1;
        Runway.Options.Faults.Storage.ServerErrorNext = 1;

        using (var limited = await SendAsync(HttpMethod.Post, "/v1/uploads", """{"filename":"x.png","type":"ephemeral"}"""))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        }
        var slot = await CreateSlotAsync("x.png");
        using (var failed = await PostFileAsync(slot, new byte[1024]))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }
        using (var stored = await PostFileAsync(slot, new byte[1024]))
        {
            Assert.Equal(HttpStatusCode.NoContent, stored.StatusCode);
        }

        var activity = Runway.Activity;
        Assert.Equal(2, activity.UploadSlotAttempts);
        Assert.Equal(2, activity.StorageAttempts);
        Assert.Single(activity.Uploads);
        Assert.All(activity.Requests.Where(r => r.Kind == RouteKind.Storage), r => Assert.Null(r.KeyFingerprint));
    }

    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    private async Task<Slot> CreateSlotAsync(string fileName)
    {
        using var response = await SendAsync(HttpMethod.Post, "/v1/uploads", new { filename = fileName, type = "ephemeral" });
        var json = await JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());
        var fields = json.GetProperty("fields").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        return new Slot(json.GetProperty("uploadUrl").GetString()!, fields, json.GetProperty("runwayUri").GetString()!);
    }

    private static StringContent JsonBody(string fileName) =>
        new(JsonSerializer.Serialize(new { filename = fileName, type = "ephemeral" }), System.Text.Encoding.UTF8, "application/json");

    /// <summary>Step 2 as the SDK does it: every field, then the file part; no Authorization header.</summary>
    private async Task<HttpResponseMessage> PostFileAsync(Slot slot, byte[] bytes, string contentType = "image/png")
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in slot.Fields)
        {
            form.Add(new StringContent(value), name);
        }
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", "upload.bin");
        return await Http.PostAsync(slot.UploadUrl, form);
    }

    private async Task<HttpStatusCode> CreateStatusAsync(string runwayUri)
    {
        using var response = await SendAsync(HttpMethod.Post, "/v1/image_to_video", WithImage(runwayUri));
        return response.StatusCode;
    }

    private static object WithImage(string uri) => new
    {
        model = "gen4.5",
        promptImage = uri,
        promptText = "[emulator:succeed] a fox",
        ratio = "1280:720",
        duration = 5,
    };
}
