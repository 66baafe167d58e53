namespace RunwayRelay.Tests.Orchestration;

public sealed class GenerationErrorCodeTests
{
    private sealed record Carrier(GenerationErrorCode Code);

    [Theory]
    [InlineData(GenerationErrorCodes.InvalidRequest, 422)]
    [InlineData("SAFETY.INPUT.TEXT", 422)]
    [InlineData("ASSET.INVALID", 422)]
    [InlineData(GenerationErrorCodes.InsufficientCredits, 402)]
    [InlineData(GenerationErrorCodes.BudgetPerGenerationExceeded, 402)]
    [InlineData(GenerationErrorCodes.BudgetPerDayExceeded, 402)]
    [InlineData(GenerationErrorCodes.ApiKeyUnavailable, 500)]
    [InlineData(GenerationErrorCodes.CopyFailed, 500)]
    [InlineData(GenerationErrorCodes.OrchestrationFailed, 500)]
    [InlineData(GenerationErrorCodes.NoOutcome, 500)]
    [InlineData(GenerationErrorCodes.Terminated, 409)]
    [InlineData(GenerationErrorCodes.RunwayTaskFailed, 502)]
    [InlineData("INTERNAL.BAD_OUTPUT", 502)]
    [InlineData("safety.input.text", 502)]
    public void FailureStatusCode_Code_MapsToTheStatusTheApiAnswers(string code, int expected)
    {
        Assert.Equal(expected, new GenerationErrorCode(code).FailureStatusCode);
    }

    [Fact]
    public void Equality_SameTextOrdinal_IsEqualAndCaseMatters()
    {
        GenerationErrorCode fromString = "RUNWAY_TASK_FAILED";

        Assert.Equal(GenerationErrorCode.RunwayTaskFailed, fromString);
        Assert.True(fromString == GenerationErrorCode.RunwayTaskFailed);
        Assert.Equal(GenerationErrorCode.RunwayTaskFailed.GetHashCode(), fromString.GetHashCode());
        Assert.True(new GenerationErrorCode("runway_task_failed") != GenerationErrorCode.RunwayTaskFailed);
        Assert.Equal("RUNWAY_TASK_FAILED", fromString.ToString());
    }

    [Fact]
    public void Json_UnknownRunwayCode_RoundTripsAsThePlainString()
    {
        var written = JsonSerializer.Serialize(new Carrier("SAFETY.OUTPUT.NEW_KIND"), RunwayRelayJson.Web);

        Assert.Equal("""{"code":"SAFETY.OUTPUT.NEW_KIND"}""", written);
        var read = JsonSerializer.Deserialize<Carrier>(written, RunwayRelayJson.Web)!;
        Assert.Equal(new GenerationErrorCode("SAFETY.OUTPUT.NEW_KIND"), read.Code);
        Assert.True(read.Code.IsInputRejected);
    }

    [Fact]
    public void Json_NotAString_IsRefused()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Carrier>("""{"code":42}""", RunwayRelayJson.Web));
    }

    [Fact]
    public void Default_HasNoValue_ReadsAsEmptyAndMapsTo502()
    {
        GenerationErrorCode none = default;

        Assert.Equal("", none.ToString());
        Assert.Equal(502, none.FailureStatusCode);
    }
}
