using Microsoft.DurableTask.Converters;

namespace RunwayRelay.Tests.Generations;

public sealed class GenerationPhaseTests
{
    /// <summary>The values the string constants had: custom statuses and outcomes recorded before must still read.</summary>
    public static TheoryData<GenerationPhase, string> Values => new()
    {
        { GenerationPhase.Accepted, "Accepted" },
        { GenerationPhase.Submitted, "Submitted" },
        { GenerationPhase.Queued, "Queued" },
        { GenerationPhase.Running, "Running" },
        { GenerationPhase.Copying, "Copying" },
        { GenerationPhase.Succeeded, "Succeeded" },
        { GenerationPhase.Failed, "Failed" },
        { GenerationPhase.Cancelled, "Cancelled" },
        { GenerationPhase.TimedOut, "TimedOut" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Json_EveryPhase_IsTodaysString(GenerationPhase phase, string json)
    {
        Assert.Equal($"\"{json}\"", JsonSerializer.Serialize(phase, RunwayRelayJson.Web));
        Assert.Equal($"\"{json}\"", JsonDataConverter.Default.Serialize(phase));
        Assert.Equal(phase, JsonDataConverter.Default.Deserialize<GenerationPhase>($"\"{json}\""));
        Assert.Equal(json, phase.ToString());
    }

    [Fact]
    public void Json_RecordedOutcome_ReadsItsStatus()
    {
        var outcome = JsonDataConverter.Default.Deserialize<GenerationOutcome>(
            """{"Status":"TimedOut","RunwayTaskId":"task-1","Videos":[],"ErrorCode":"TIMED_OUT","ErrorMessage":"late"}""")!;

        Assert.Equal(GenerationPhase.TimedOut, outcome.Status);
        Assert.Contains("\"Status\":\"TimedOut\"", JsonDataConverter.Default.Serialize(outcome), StringComparison.Ordinal);
    }
}
