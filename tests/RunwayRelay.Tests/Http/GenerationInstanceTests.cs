using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace RunwayRelay.Tests.Http;

public sealed class GenerationInstanceTests
{
    private const string Id = "g-0123456789abcdef0123456789abcdef";

    [Fact]
    public void ReadProgress_UnreadableCustomStatus_IsNullAndLogsOneWarningNamingThePart()
    {
        var logger = new FakeLogger();
        var generation = new GenerationInstance(Metadata(OrchestrationRuntimeStatus.Running, customStatus: "[1,2]"), logger);

        Assert.Null(generation.ReadProgress());

        var record = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Equal(609, record.Id.Id);
        Assert.Equal($"Generation {Id}: custom status unreadable (JsonException)", record.Message);
    }

    [Fact]
    public void EndedStatus_RunningWithOutcomeInCustomStatus_IsTheOutcomesStatus()
    {
        var outcome = new GenerationOutcome(GenerationPhase.Succeeded, "task-1", [], null, null);
        var progress = new GenerationProgress(GenerationPhase.Copying, "task-1", "SUCCEEDED", 1, DateTimeOffset.UnixEpoch, outcome);
        var generation = new GenerationInstance(Metadata(OrchestrationRuntimeStatus.Running,
            customStatus: JsonDataConverter.Default.Serialize(progress)), new FakeLogger());

        Assert.Equal(GenerationPhase.Succeeded, generation.EndedStatus());
        Assert.Equal("task-1", generation.ReadEndedOutcome()?.RunwayTaskId);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Terminated, GenerationPhase.Cancelled)]
    [InlineData(OrchestrationRuntimeStatus.Failed, GenerationPhase.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Completed, GenerationPhase.Failed)]
    public void EndedStatus_TerminalWithoutOutcome_FollowsTheRuntimeStatus(OrchestrationRuntimeStatus status, GenerationPhase expected)
    {
        var generation = new GenerationInstance(Metadata(status), new FakeLogger());

        Assert.True(generation.IsTerminal);
        Assert.Equal(expected, generation.EndedStatus());
    }

    [Fact]
    public void EndedStatus_RunningWithoutOutcome_IsNull()
    {
        var generation = new GenerationInstance(Metadata(OrchestrationRuntimeStatus.Running), new FakeLogger());

        Assert.False(generation.IsTerminal);
        Assert.Null(generation.EndedStatus());
    }

    private static OrchestrationMetadata Metadata(OrchestrationRuntimeStatus status, string? customStatus = null) =>
        new("GenerateVideoOrchestrator", Id)
        {
            RuntimeStatus = status,
            DataConverter = JsonDataConverter.Default,
            SerializedCustomStatus = customStatus,
        };
}
