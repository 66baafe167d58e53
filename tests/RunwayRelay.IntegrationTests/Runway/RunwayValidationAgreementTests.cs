using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace RunwayRelay.IntegrationTests.Runway;

/// <summary>
/// The client's tables and the emulator's are written independently; a request one accepts and the other rejects is a
/// bug in one of them. Valid requests go through the client; invalid ones are also posted raw to see Runway's answer.
/// </summary>
public sealed class RunwayValidationAgreementTests : EmulatorTestBase
{
    private const string Image = "https://example.com/a.png";
    private const string Video = "https://example.com/clip.mp4";

    private static readonly Dictionary<string, RunwayGenerationRequest> Valid = new()
    {
        ["gen4.5 i2v"] = new ImageToVideoRequest { Model = "gen4.5", PromptImage = [new(Image)], PromptText = "p", Ratio = "1104:832", Duration = 10, Seed = 4294967295 },
        ["gen4_turbo i2v"] = new ImageToVideoRequest { Model = "gen4_turbo", PromptImage = [new(Image, "first")], Ratio = "1584:672", Duration = 2 },
        ["veo3.1_fast i2v"] = new ImageToVideoRequest { Model = "veo3.1_fast", PromptImage = [new(Image, "first"), new(Image, "last")], Ratio = "1920:1080", Duration = 8, NegativePrompt = "blur" },
        ["veo3 t2v"] = new TextToVideoRequest { Model = "veo3", PromptText = "p", Ratio = "720:1280", Duration = 8 },
        ["seedance2_mini i2v refs"] = new ImageToVideoRequest { Model = "seedance2_mini", PromptImage = [new(Image), new(Image), new(Image)], Ratio = "992:432" },
        ["seedance2 t2v"] = new TextToVideoRequest { Model = "seedance2", PromptText = "p", Ratio = "2160:3840", Duration = 15, Audio = true, References = [new(Image)] },
        ["seedance2_fast v2v"] = new VideoToVideoRequest { Model = "seedance2_fast", PromptVideo = Video, PromptText = "p" },
        ["gemini_omni_flash t2v"] = new TextToVideoRequest { Model = "gemini_omni_flash", PromptText = "p", Ratio = "720:1280", Duration = 10 },
        ["aleph2 v2v"] = new VideoToVideoRequest { Model = "aleph2", VideoUri = Video, PromptText = "p", Seed = 0, Keyframes = [new() { Uri = Image, At = 0.5 }], TargetAspectRatio = "1:1" },
        ["gen4_image_turbo t2i"] = new TextToImageRequest { Model = "gen4_image_turbo", PromptText = "@cat", Ratio = "1680:720", ReferenceImages = [new(Image, "cat")] },
        ["magnific upscale"] = new VideoUpscaleRequest { Model = "magnific_video_upscaler_creative", VideoUri = Video, Resolution = "2k" },
    };

    private static readonly Dictionary<string, RunwayGenerationRequest> Invalid = new()
    {
        ["gen4.5 duration 11"] = new TextToVideoRequest { Model = "gen4.5", PromptText = "p", Ratio = "1280:720", Duration = 11 },
        ["gen4.5 t2v ratio"] = new TextToVideoRequest { Model = "gen4.5", PromptText = "p", Ratio = "960:960", Duration = 5 },
        ["veo3.1 duration 5"] = new TextToVideoRequest { Model = "veo3.1", PromptText = "p", Ratio = "1280:720", Duration = 5 },
        ["veo3.1 last only"] = new ImageToVideoRequest { Model = "veo3.1", PromptImage = [new(Image, "last")], Ratio = "1280:720" },
        ["gen4_turbo last"] = new ImageToVideoRequest { Model = "gen4_turbo", PromptImage = [new(Image, "last")], Ratio = "1280:720" },
        ["seedance duplicate first"] = new ImageToVideoRequest { Model = "seedance2", PromptImage = [new(Image, "first"), new(Image, "first")] },
        ["seedance_fast 4k ratio"] = new TextToVideoRequest { Model = "seedance2_fast", PromptText = "p", Ratio = "3840:2160" },
        ["http image"] = new ImageToVideoRequest { Model = "gen4_turbo", PromptImage = [new("http://example.com/a.png")], Ratio = "1280:720" },
        ["long url"] = new ImageToVideoRequest { Model = "gen4_turbo", PromptImage = [new("https://example.com/" + new string('a', 2030))], Ratio = "1280:720" },
        ["prompt 1001"] = new ImageToVideoRequest { Model = "gen4_turbo", PromptImage = [new(Image)], PromptText = new string('a', 1001), Ratio = "1280:720" },
        ["seed too big"] = new TextToVideoRequest { Model = "veo3.1", PromptText = "p", Ratio = "1280:720", Seed = 4294967296 },
        ["aleph2 duration"] = new VideoToVideoRequest { Model = "aleph2", VideoUri = Video, Duration = 5 },
        ["turbo image no refs"] = new TextToImageRequest { Model = "gen4_image_turbo", PromptText = "p", Ratio = "1024:1024" },
    };

    public static TheoryData<string> ValidNames => [.. Valid.Keys];

    public static TheoryData<string> InvalidNames => [.. Invalid.Keys];

    [Theory]
    [MemberData(nameof(ValidNames))]
    public async Task CreateTaskAsync_RequestTheClientAccepts_RunwayAcceptsToo(string name)
    {

        var created = await Runway.Client.CreateTaskAsync(Valid[name]);

        Assert.Equal(created.Id, Assert.Single(Emulator.Activity.Creates).TaskId);
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public async Task Validate_RequestTheClientRejects_RunwayRejectsOnTheSameField(string name)
    {
        var request = Invalid[name];
        var ours = RunwayRequestValidator.Validate(request).Select(i => i.Field).ToHashSet();

        using var http = new HttpClient { BaseAddress = Emulator.BaseUrl };
        using var message = new HttpRequestMessage(HttpMethod.Post, "v1/" + request.Endpoint)
        {
            Content = new StringContent(JsonSerializer.Serialize(request, request.GetType(), RunwayClient.Json), Encoding.UTF8, "application/json"),
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Emulator.ApiKey);
        message.Headers.Add("X-Runway-Version", RunwayOptions.ApiVersion);
        using var response = await http.SendAsync(message);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var theirs = body["issues"]!.AsArray().Select(i => string.Join('.', i!["path"]!.AsArray().Select(p => p!.ToString()))).ToHashSet();

        Assert.NotEmpty(ours);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(ours.Overlaps(theirs) || ours.Any(o => theirs.Any(t => t.StartsWith(o, StringComparison.Ordinal) || o.StartsWith(t, StringComparison.Ordinal))),
            $"client: [{string.Join(", ", ours)}]; runway: [{string.Join(", ", theirs)}]");
        Assert.Empty(Emulator.Activity.Creates);
    }
}
