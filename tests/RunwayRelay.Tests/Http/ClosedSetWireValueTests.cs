namespace RunwayRelay.Tests.Http;

/// <summary>The HTTP API's closed sets: each member's wire value, as JSON and as the answers write it.</summary>
public sealed class ClosedSetWireValueTests
{
    [Theory]
    [InlineData(RedeliverErrorCode.GenerationNotEnded, "GENERATION_NOT_ENDED")]
    [InlineData(RedeliverErrorCode.NoCallback, "NO_CALLBACK")]
    [InlineData(RedeliverErrorCode.CallbackDelivering, "CALLBACK_DELIVERY_IN_PROGRESS")]
    [InlineData(RedeliverErrorCode.CallbackAddressExpired, "CALLBACK_ADDRESS_EXPIRED")]
    public void RedeliverErrorCode_EveryCode_IsTheWireValueJsonWrites(RedeliverErrorCode code, string expected)
    {
        Assert.Equal(expected, code.ToErrorCode());
        Assert.Equal($"\"{expected}\"", JsonSerializer.Serialize(code, RunwayRelayJson.Web));
    }

    [Fact]
    public void RedeliverErrorCodes_All_ListsEveryCodeOnce()
    {
        Assert.Equal(["GENERATION_NOT_ENDED", "NO_CALLBACK", "CALLBACK_DELIVERY_IN_PROGRESS", "CALLBACK_ADDRESS_EXPIRED"], RedeliverErrorCodes.All);
    }

    [Theory]
    [InlineData(GenerationCancelStatus.Cancelling, "Cancelling")]
    [InlineData(GenerationCancelStatus.NotSubscribed, "NotSubscribed")]
    [InlineData(GenerationCancelStatus.TimedOut, "TimedOut")]
    public void GenerationCancelStatus_Json_IsTheMemberName(GenerationCancelStatus status, string expected)
    {
        Assert.Equal($"\"{expected}\"", JsonSerializer.Serialize(status, RunwayRelayJson.Web));
        Assert.Equal(expected, status.ToString());
    }
}
