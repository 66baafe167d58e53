using Microsoft.DurableTask.Converters;

namespace RunwayRelay.Tests.Runway;

public sealed class RunwayTaskStatusTests
{
    [Theory]
    [InlineData("PENDING")]
    [InlineData("THROTTLED")]
    [InlineData("RUNNING")]
    [InlineData("SUCCEEDED")]
    [InlineData("FAILED")]
    [InlineData("CANCELLED")]
    public void KnownStatus_FromRunwaysString_EqualsItsProperty(string value)
    {
        RunwayTaskStatus status = value;

        Assert.Contains(status, new[]
        {
            RunwayTaskStatus.Pending, RunwayTaskStatus.Throttled, RunwayTaskStatus.Running,
            RunwayTaskStatus.Succeeded, RunwayTaskStatus.Failed, RunwayTaskStatus.Cancelled,
        });
        Assert.Equal(value, status.ToString());
    }

    [Fact]
    public void Equality_OtherCase_IsAnotherStatus()
    {
        // Runway sends upper case; a status in another case is not one RunwayRelay acts on, as with the string constants.
        RunwayTaskStatus lower = "succeeded";

        Assert.NotEqual(RunwayTaskStatus.Succeeded, lower);
        Assert.True(lower != RunwayTaskStatus.Succeeded);
        Assert.False(RunwayTaskStatus.IsTerminal(lower));
        Assert.True(new RunwayTaskStatus("SUCCEEDED") == RunwayTaskStatus.Succeeded);
        Assert.Equal(RunwayTaskStatus.Succeeded.GetHashCode(), new RunwayTaskStatus("SUCCEEDED").GetHashCode());
    }

    [Theory]
    [InlineData("SUCCEEDED", true)]
    [InlineData("FAILED", true)]
    [InlineData("CANCELLED", true)]
    [InlineData("PENDING", false)]
    [InlineData("THROTTLED", false)]
    [InlineData("RUNNING", false)]
    [InlineData("ARCHIVED", false)]
    public void IsTerminal_Status_OnlyTheThreeEndStates(string value, bool terminal) =>
        Assert.Equal(terminal, RunwayTaskStatus.IsTerminal(value));

    [Fact]
    public void Json_UnknownStatus_RoundTripsAsThePlainString()
    {
        var task = JsonSerializer.Deserialize<RunwayTask>("""{"id":"task-1","status":"ARCHIVED"}""")!;

        Assert.Equal("ARCHIVED", task.Status.ToString());
        Assert.False(RunwayTaskStatus.IsTerminal(task.Status));
        Assert.Equal("\"ARCHIVED\"", JsonSerializer.Serialize(task.Status));
        Assert.Contains("\"status\":\"ARCHIVED\"", JsonSerializer.Serialize(task), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_NotAString_IsRefused() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<RunwayTaskStatus>("42"));

    [Fact]
    public void Json_CheckpointWithoutStatus_KeepsNull()
    {
        var converter = JsonDataConverter.Default;
        var checkpoint = new GenerationCheckpoint("task-1", 0, null, null);

        string json = converter.Serialize(checkpoint)!;
        var read = converter.Deserialize<GenerationCheckpoint>(json)!;

        Assert.Contains("\"LastRunwayStatus\":null", json, StringComparison.Ordinal);
        Assert.Null(read.LastRunwayStatus);
    }

    [Fact]
    public void Json_CheckpointStatus_IsWrittenAndReadAsTheString()
    {
        var converter = JsonDataConverter.Default;

        string json = converter.Serialize(new GenerationCheckpoint("task-1", 2, RunwayTaskStatus.Throttled, null))!;
        var read = converter.Deserialize<GenerationCheckpoint>("""{"RunwayTaskId":"task-1","PollCount":2,"LastRunwayStatus":"SOMETHING_NEW","LastProgress":null}""")!;

        Assert.Contains("\"LastRunwayStatus\":\"THROTTLED\"", json, StringComparison.Ordinal);
        Assert.Equal("SOMETHING_NEW", read.LastRunwayStatus?.ToString());
    }
}
