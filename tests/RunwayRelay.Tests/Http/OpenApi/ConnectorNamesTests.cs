using RunwayRelay.Http.OpenApi.PowerPlatform;

namespace RunwayRelay.Tests.Http.OpenApi;

public sealed class ConnectorNamesTests
{
    [Theory]
    [InlineData("promptText", "Prompt Text")]
    [InlineData("runwayTaskId", "Runway Task ID")]
    [InlineData("downloadUrl", "Download URL")]
    [InlineData("videoUri", "Video URI")]
    [InlineData("Idempotency-Key", "Idempotency Key")]
    [InlineData("start_seconds", "Start Seconds")]
    [InlineData("URLPath", "URL Path")]
    [InlineData("id", "ID")]
    public void Title_Identifier_IsTitleCaseWithAcronyms(string name, string expected) =>
        Assert.Equal(expected, ConnectorNames.Title(name));

    [Theory]
    [InlineData("GetUsage", "Get usage")]
    [InlineData("RedeliverCallbackUrl", "Redeliver callback URL")]
    [InlineData("quote", "Quote")]
    public void Words_OperationId_IsASentenceCaseActionTitle(string name, string expected) =>
        Assert.Equal(expected, ConnectorNames.Words(name));
}
