using Microsoft.DurableTask.Converters;

namespace RunwayRelay.Tests.Orchestration;

/// <summary>What the durable engine's data converter writes and reads back: closed result types and older inputs.</summary>
public sealed class DurablePayloadShapeTests
{
    public static TheoryData<object> Results => new()
    {
        new ApiKeyAvailable("0123abcd", "RUNWAYML_API_SECRET"),
        new ApiKeyUnavailable("RUNWAYML_API_SECRET is not set."),
        new Submitted("task-1"),
        new Submitted("task-1") { RunwayEstimatedCredits = 40, Prior = new RunTimePrior("text_to_video/gen4.5/5s", TimeSpan.FromSeconds(21.5)) },
        new Submitted("task-1") { Prior = new RunTimePrior("text_to_video/gen4.5/5s") },
        new NotSubmitted(GenerationErrorCodes.InsufficientCredits, "Not enough credits."),
        new TaskObserved(RunwayTaskStatus.Running, 0.4),
        new TaskObserved(RunwayTaskStatus.Running, 0.4) { CreatedAt = DateTimeOffset.Parse("2026-11-28T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture), ReadAt = DateTimeOffset.Parse("2026-11-28T12:00:30Z", System.Globalization.CultureInfo.InvariantCulture) },
        new TaskUnreadable("503") { ReadAt = DateTimeOffset.Parse("2026-11-28T12:00:30Z", System.Globalization.CultureInfo.InvariantCulture) },
        new TaskUnreadable("503"),
        new TaskLost(GenerationErrorCodes.RunwayTaskNotFound, "gone"),
    };

    [Theory]
    [MemberData(nameof(Results))]
    public void ActivityResult_WrittenByAnySerializer_ReadsBackAsItselfThroughItsBase(object result)
    {
        var baseType = result.GetType().BaseType!;
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        // The durable engine writes a result as object; the Functions worker as its runtime type, camelCase.
        string asObject = JsonDataConverter.Default.Serialize(result)!;
        string asRuntimeType = JsonSerializer.Serialize(result, result.GetType(), web);
        string asBase = JsonSerializer.Serialize(result, baseType, web);

        Assert.Equal(result, JsonDataConverter.Default.Deserialize(asObject, baseType));
        Assert.Equal(result, JsonSerializer.Deserialize(asRuntimeType, baseType, web));
        Assert.Equal(result, JsonDataConverter.Default.Deserialize(asBase, baseType));
    }

    public static TheoryData<string, Type, object> LegacyResults => new()
    {
        { """{"Available":true,"Fingerprint":"0123abcd","Source":"RUNWAYML_API_SECRET","Error":null}""", typeof(ApiKeyCheck), new ApiKeyAvailable("0123abcd", "RUNWAYML_API_SECRET") },
        { """{"Available":false,"Fingerprint":null,"Source":null,"Error":"RUNWAYML_API_SECRET is not set."}""", typeof(ApiKeyCheck), new ApiKeyUnavailable("RUNWAYML_API_SECRET is not set.") },
        { """{"RunwayTaskId":"task-1","ErrorCode":null,"ErrorMessage":null}""", typeof(SubmissionResult), new Submitted("task-1") },
        { """{"RunwayTaskId":null,"ErrorCode":"RUNWAY_INSUFFICIENT_CREDITS","ErrorMessage":"Not enough credits."}""", typeof(SubmissionResult), new NotSubmitted("RUNWAY_INSUFFICIENT_CREDITS", "Not enough credits.") },
        { """{"Status":"RUNNING","Progress":0.4,"Failure":null,"FailureCode":null,"TransientError":null,"FatalErrorCode":null,"FatalErrorMessage":null}""", typeof(RunwayTaskSnapshot), new TaskObserved("RUNNING", 0.4) },
        { """{"Status":null,"Progress":null,"Failure":null,"FailureCode":null,"TransientError":"503","FatalErrorCode":null,"FatalErrorMessage":null}""", typeof(RunwayTaskSnapshot), new TaskUnreadable("503") },
        { """{"Status":null,"Progress":null,"Failure":null,"FailureCode":null,"TransientError":null,"FatalErrorCode":"RUNWAY_TASK_NOT_FOUND","FatalErrorMessage":"gone"}""", typeof(RunwayTaskSnapshot), new TaskLost("RUNWAY_TASK_NOT_FOUND", "gone") },
    };

    [Theory]
    [MemberData(nameof(LegacyResults))]
    public void ActivityResult_RecordedBeforeClosedTypes_ReadsAsTheRightCase(string recorded, Type declared, object expected) =>
        // What generations in flight have in their history from the version that wrote records of nullable fields.
        Assert.Equal(expected, JsonDataConverter.Default.Deserialize(recorded, declared));

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
        var input = new GenerationInputBuilder().WithCallback(new Uri("https://hooks.example.com/done?sig=secret")).Build();

        string json = JsonDataConverter.Default.Serialize(input)!;

        Assert.DoesNotContain("Request\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("sig=secret", json, StringComparison.Ordinal);
        Assert.DoesNotContain("a red fox", json, StringComparison.Ordinal);
    }

    [Fact]
    public void DeliverCallbackInput_ProgressRecordedWhenStatusWasAString_ReadsAndWritesTheSameValue()
    {
        const string recorded = """
            {"GenerationId":"gen-1","WebhookId":"msg_1","EventType":"generation.progress","Timestamp":"2026-12-01T10:00:00+00:00",
             "Notice":null,"Progress":{"GenerationId":"gen-1","Status":"Running","RunwayTaskId":"task-1","Progress":0.4}}
            """;

        var input = JsonDataConverter.Default.Deserialize<DeliverCallbackInput>(recorded)!;

        Assert.Equal(GenerationPhase.Running, input.Progress!.Status);
        Assert.Contains("\"Status\":\"Running\"", JsonDataConverter.Default.Serialize(input), StringComparison.Ordinal);
        Assert.Contains("\"status\":\"Running\"", JsonSerializer.Serialize(input.Progress, RunwayRelayJson.Web), StringComparison.Ordinal);
    }
}
