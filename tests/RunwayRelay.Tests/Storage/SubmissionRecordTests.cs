namespace RunwayRelay.Tests.Storage;

/// <summary>Submission records outlive a deployment: the state's JSON must stay the strings stored before it was an enum.</summary>
public sealed class SubmissionRecordTests
{
    [Theory]
    [InlineData(SubmissionState.Submitting, "submitting")]
    [InlineData(SubmissionState.Submitted, "submitted")]
    [InlineData(SubmissionState.Rejected, "rejected")]
    public void Serialize_State_WritesTheStoredString(SubmissionState state, string json)
    {
        var record = new SubmissionRecord("gen-1", state, DateTimeOffset.UnixEpoch);

        using var written = JsonDocument.Parse(JsonSerializer.Serialize(record, RunwayRelayJson.Web));

        Assert.Equal(json, written.RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public void Deserialize_RecordWrittenBeforeTheEnum_ReadsEveryField()
    {
        const string stored = """
            {"generationId":"gen-1","state":"submitted","updatedAt":"2026-11-30T10:00:00+00:00","runwayTaskId":"task-9","errorCode":null,"errorMessage":null,"runwayEstimatedCredits":12}
            """;

        var record = JsonSerializer.Deserialize<SubmissionRecord>(stored, RunwayRelayJson.Web)!;

        Assert.Equal((SubmissionState.Submitted, "task-9", 12L, (string?)null), (record.State, record.RunwayTaskId, record.RunwayEstimatedCredits, record.ClaimToken));
    }

    [Fact]
    public void Deserialize_UnknownState_Throws() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<SubmissionRecord>(
            """{"generationId":"gen-1","state":"queued","updatedAt":"2026-11-30T10:00:00+00:00"}""", RunwayRelayJson.Web));
}
