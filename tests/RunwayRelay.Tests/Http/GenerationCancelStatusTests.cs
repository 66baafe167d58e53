using System.Text.Json;
using RunwayRelay.Common;
using RunwayRelay.Http;

namespace RunwayRelay.Tests.Http;

public sealed class GenerationCancelStatusTests
{
    [Theory]
    [InlineData(GenerationCancelStatus.Cancelling, "Cancelling")]
    [InlineData(GenerationCancelStatus.NotSubscribed, "NotSubscribed")]
    [InlineData(GenerationCancelStatus.TimedOut, "TimedOut")]
    public void Json_EveryStatus_IsTheMemberName(GenerationCancelStatus status, string expected)
    {
        Assert.Equal($"\"{expected}\"", JsonSerializer.Serialize(status, RunwayRelayJson.Web));
        Assert.Equal(expected, status.ToString());
    }
}
