namespace RunwayRelay.IntegrationTests.Infrastructure;

public sealed class AzuriteFixtureTests(AzuriteFixture azurite) : AzuriteTestBase(azurite)
{
    [Fact]
    public async Task Fixture_Started_ServesBlobRoundTrip()
    {
        var container = new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient("fixture-check");
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient("hello.txt").UploadAsync(BinaryData.FromString("hello"), overwrite: true);

        var content = await container.GetBlobClient("hello.txt").DownloadContentAsync();

        Assert.Equal("hello", content.Value.Content.ToString());
    }
}
