using System.Text.Json;
using RunwayRelay.Common;
using RunwayRelay.Http;

namespace RunwayRelay.Tests.Http;

public sealed class RedeliverErrorCodeTests
{
    [Theory]
    [InlineData(RedeliverErrorCode.GenerationNotEnded, "GENERATION_NOT_ENDED")]
    [InlineData(RedeliverErrorCode.NoCallback, "NO_CALLBACK")]
    [InlineData(RedeliverErrorCode.CallbackDelivering, "CALLBACK_DELIVERY_IN_PROGRESS")]
    [InlineData(RedeliverErrorCode.CallbackAddressExpired, "CALLBACK_ADDRESS_EXPIRED")]
    public void ToErrorCode_EveryCode_IsTheWireValueJsonWrites(RedeliverErrorCode code, string expected)
    {
        Assert.Equal(expected, code.ToErrorCode());
        Assert.Equal($"\"{expected}\"", JsonSerializer.Serialize(code, RunwayRelayJson.Web));
    }

    [Fact]
    public void All_ListsEveryCodeOnce()
    {
        Assert.Equal(["GENERATION_NOT_ENDED", "NO_CALLBACK", "CALLBACK_DELIVERY_IN_PROGRESS", "CALLBACK_ADDRESS_EXPIRED"], RedeliverErrorCodes.All);
    }
}
