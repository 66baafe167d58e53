using System.Text.Json.Nodes;

namespace RunwayRelay.Tests.Runway;

public sealed class RunwayRequestSerializationTests
{
    [Fact]
    public void Serialize_AsConcreteType_HasNoEndpointDiscriminator()
    {
        RunwayGenerationRequest request = new ImageToVideoRequest { Model = "gen4.5", PromptImage = [new("https://example.com/a.png")], PromptText = "p", Ratio = "1280:720", Duration = 5 };

        var body = JsonNode.Parse(JsonSerializer.Serialize(request, request.GetType()))!.AsObject();

        // Runway rejects unknown keys; the override of Endpoint must stay ignored too, in any casing and any options.
        Assert.DoesNotContain(body, p => p.Key.Equals("endpoint", StringComparison.OrdinalIgnoreCase));
        var webBody = JsonNode.Parse(JsonSerializer.Serialize(request, request.GetType(), RunwayClient.Json))!.AsObject();
        Assert.DoesNotContain(webBody, p => p.Key.Equals("endpoint", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("https://example.com/a.png", body["promptImage"]!.GetValue<string>());
    }

    [Fact]
    public void Serialize_WithTheClientsOptions_LeavesUnsetFieldsOut()
    {
        RunwayGenerationRequest request = new VideoToVideoRequest
        {
            Model = "aleph2", VideoUri = "https://example.com/v.mp4",
            Keyframes = [new() { Uri = "https://example.com/k.png", Seconds = 1 }],
            References = [new("https://example.com/r.png")],
        };

        var body = JsonNode.Parse(JsonSerializer.Serialize(request, request.GetType(), RunwayClient.Json))!.AsObject();

        // Runway validates the fields it is sent: null is not "absent" to it, so an unset optional field must not appear.
        Assert.Equal(["keyframes", "model", "references", "videoUri"], body.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["uri"], body["references"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal(["seconds", "uri"], body["keyframes"]![0]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Serialize_AsBaseType_RoundTripsThroughTheDiscriminator()
    {
        RunwayGenerationRequest request = new VideoToVideoRequest
        {
            Model = "aleph2", VideoUri = "https://example.com/v.mp4",
            Keyframes = [new() { Uri = "https://example.com/k.png", Seconds = 1, Range = new(0, 2) }],
        };

        string json = JsonSerializer.Serialize(request);
        var back = JsonSerializer.Deserialize<RunwayGenerationRequest>(json);

        Assert.Contains("\"endpoint\":\"video_to_video\"", json);
        Assert.DoesNotContain("\"Endpoint\"", json);
        Assert.Contains("\"start_seconds\":0", json);
        var v2v = Assert.IsType<VideoToVideoRequest>(back);
        Assert.Equal(2, v2v.Keyframes![0].Range!.EndSeconds);
    }

    [Fact]
    public void Serialize_PromptImageWithPositions_IsAnArray()
    {
        var request = new ImageToVideoRequest { Model = "veo3.1", PromptImage = [new("https://e.com/a.png", "first"), new("https://e.com/b.png", "last")] };

        var body = JsonNode.Parse(JsonSerializer.Serialize(request))!;

        Assert.Equal("last", body["promptImage"]![1]!["position"]!.GetValue<string>());
    }

    [Fact]
    public void Deserialize_TaskWithUnknownStatusAndFields_IsTolerated()
    {
        const string json = """{"id":"t1","status":"QUEUED_SOMEWHERE","createdAt":"2026-01-01T00:00:00Z","progress":0.5,"newField":{"a":1},"cost":{"credits":12}}""";

        var task = JsonSerializer.Deserialize<RunwayTask>(json, RunwayClient.Json)!;

        Assert.Equal("QUEUED_SOMEWHERE", task.Status);
        Assert.False(RunwayTaskStatus.IsTerminal(task.Status));
        Assert.True(task.AdditionalProperties!.ContainsKey("newField"));
        Assert.Equal(12, task.Cost!.Credits);
    }
}
