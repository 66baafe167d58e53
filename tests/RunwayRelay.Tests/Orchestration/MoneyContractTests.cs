namespace RunwayRelay.Tests.Orchestration;

/// <summary>The durable contracts' money fields: optional, so what generations in flight wrote before them still reads.</summary>
public sealed class MoneyContractTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void NotSubmitted_WithResetsAt_RoundTripsThroughTheConverter()
    {
        var resets = new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);
        SubmissionResult written = new NotSubmitted(GenerationErrorCodes.DailyLimitReached, "limit") { ResetsAt = resets };

        var read = JsonSerializer.Deserialize<SubmissionResult>(JsonSerializer.Serialize(written, Web), Web);

        Assert.Equal(written, read);
    }

    [Fact]
    public void Submitted_WithoutRunwayEstimate_ReadsAsBefore()
    {
        var read = JsonSerializer.Deserialize<SubmissionResult>("""{"runwayTaskId":"task-1"}""", Web);

        Assert.Equal(new Submitted("task-1"), read);
        Assert.Null(((Submitted)read!).RunwayEstimatedCredits);
    }

    [Fact]
    public void TaskObserved_Cost_RoundTripsThroughTheConverter()
    {
        RunwayTaskSnapshot written = new TaskObserved("SUCCEEDED") { CostCredits = 60, CreatedAt = DateTimeOffset.UnixEpoch };

        var read = Assert.IsType<TaskObserved>(JsonSerializer.Deserialize<RunwayTaskSnapshot>(JsonSerializer.Serialize(written, Web), Web));

        Assert.Equal(60, read.CostCredits);
    }

    [Fact]
    public void CheckpointAndOutcome_WrittenBeforeTheMoneyFields_ReadWithDefaults()
    {
        var checkpoint = JsonSerializer.Deserialize<GenerationCheckpoint>("""{"runwayTaskId":"t","pollCount":2,"lastRunwayStatus":"THROTTLED","lastProgress":null}""", Web)!;
        var outcome = JsonSerializer.Deserialize<GenerationOutcome>("""{"status":"Failed","runwayTaskId":null,"videos":[],"errorCode":"X","errorMessage":"m"}""", Web)!;
        var input = JsonSerializer.Deserialize<GenerationInput>(
            """{"generationId":"g","outputBlobName":"g.mp4","acceptedAt":"2026-11-28T12:00:00Z","polling":{"interval":"00:00:05","maxInterval":"00:00:30","timeout":"00:30:00"}}""", Web)!;

        Assert.Equal(TimeSpan.Zero, checkpoint.ThrottledFor);
        Assert.Equal((null, null, null), (outcome.EstimatedCredits, outcome.CreditsSpent, outcome.ResetsAt));
        Assert.Null(input.EstimatedCredits);
    }
}
