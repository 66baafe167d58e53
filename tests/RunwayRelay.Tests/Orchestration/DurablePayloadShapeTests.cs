using Microsoft.DurableTask.Converters;
using RunwayRelay.Generations;
using RunwayRelay.Orchestration;
using RunwayRelay.Runway;

namespace RunwayRelay.Tests.Orchestration;

/// <summary>What the durable engine's data converter writes and reads back: closed result types and older inputs.</summary>
public sealed class DurablePayloadShapeTests
{
    public static TheoryData<object> Results => new()
    {
        new ApiKeyAvailable("0123abcd", "RUNWAYML_API_SECRET"),
        new ApiKeyUnavailable("RUNWAYML_API_SECRET is not set."),
        new Submitted("task-1"),
        new NotSubmitted(GenerationErrorCodes.InsufficientCredits, "Not enough credits."),
        new TaskObserved(RunwayTaskStatus.Running, 0.4),
        new TaskUnreadable("503"),
        new TaskLost(GenerationErrorCodes.RunwayTaskNotFound, "gone"),
    };

    [Theory]
    [MemberData(nameof(Results))]
    public void ActivityResult_SerializedAsItsRuntimeType_ReadsBackAsItselfThroughItsBase(object result)
    {
        // The worker serializes an activity's result as object, the orchestrator reads it as the declared base type.
        string json = JsonDataConverter.Default.Serialize(result)!;
        var baseType = result.GetType().BaseType!;

        Assert.Contains("\"kind\":", json, StringComparison.Ordinal);
        Assert.Equal(result, JsonDataConverter.Default.Deserialize(json, baseType));
    }

    [Fact]
    public void GenerationInput_WrittenBeforePayloadsMovedOut_StillReads()
    {
        // The shape main wrote until payloads moved out of durable state (JsonDataConverter's default names).
        const string old = """
            {"GenerationId":"g-1","Request":{"endpoint":"text_to_video","model":"gen4.5","promptText":"a fox","ratio":"1280:720","duration":5},
             "OutputBlobName":"g-1.mp4","CallbackUrl":"https://hooks.example.com/done?sig=abc","AcceptedAt":"2026-11-28T12:00:00+00:00",
             "Polling":{"Interval":"00:00:05","MaxInterval":"00:00:30","Timeout":"00:30:00"},
             "Checkpoint":{"RunwayTaskId":"task-1","PollCount":3,"LastRunwayStatus":"RUNNING","LastProgress":0.5}}
            """;

        var input = (GenerationInput)JsonDataConverter.Default.Deserialize(old, typeof(GenerationInput))!;

        Assert.Equal("gen4.5", Assert.IsType<TextToVideoRequest>(input.Request).Model);
        Assert.Equal(new Uri("https://hooks.example.com/done?sig=abc"), input.CallbackUrl);
        Assert.Equal(3, input.Checkpoint!.PollCount);
        var next = input.WithoutLegacyRequest();
        Assert.Null(next.Request);
        Assert.Equal("gen4.5", next.Model);
        Assert.Equal(PromptHash.Of("a fox"), next.PromptSha256);
        Assert.True(next.HasCallback);
    }

    [Fact]
    public void GenerationInput_New_HoldsNoRequestNorCallbackUrl()
    {
        var input = OrchestratorHarness.Input(new Uri("https://hooks.example.com/done?sig=secret"));

        string json = JsonDataConverter.Default.Serialize(input)!;

        Assert.DoesNotContain("Request\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("sig=secret", json, StringComparison.Ordinal);
        Assert.DoesNotContain("a red fox", json, StringComparison.Ordinal);
    }
}
