namespace RunwayRelay.IntegrationTests.DevHost.Uploads;

/// <summary>The inbox scanner inside the DevHost process: one upload that cannot start holds up none after it.</summary>
public sealed class DevHostInboxTests(AzuriteFixture azurite) : AzuriteTestBase(azurite)
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task DevHost_ArchivedUploadFirstInTheInbox_LaterUploadsStartAndItGetsItsReport()
    {
        await using var runway = await RunwayEmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0.01 });
        var settings = DevHostProcess.Settings(Azurite.ConnectionString, runway);
        settings["DevHost__InboxMaxAttempts"] = "2";
        var storage = new BlobServiceClient(Azurite.ConnectionString);
        var inbox = storage.GetBlobContainerClient(settings["Input__Container"]);
        var output = storage.GetBlobContainerClient(settings["Output__Container"]);
        await inbox.CreateIfNotExistsAsync();
        // Storage keeps an archived blob's properties readable but refuses its content (409 BlobArchived), so its start fails.
        var poison = inbox.GetBlobClient("a-archived.png");
        await poison.UploadAsync(new BinaryData(Png));
        await poison.SetAccessTierAsync(AccessTier.Archive);
        await inbox.GetBlobClient("b-good.png").UploadAsync(new BinaryData(Png), new BlobUploadOptions
        {
            Metadata = new Dictionary<string, string> { ["prompt"] = "the cat turns its head" },
        });

        await using var devhost = await DevHostProcess.StartAsync(settings);
        var video = output.GetBlobClient("b-good.mp4");
        var report = output.GetBlobClient("a-archived.error.json");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await video.ExistsAsync()).Value || !(await report.ExistsAsync()).Value)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no video and report after 60 s:\n{devhost.Output}");
            await Task.Delay(250);
        }
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // three more scans

        Assert.Single(runway.Activity.Creates);
        Assert.Contains("a-archived.png: starting it failed (attempt 1 of 2)", devhost.Output, StringComparison.Ordinal);
        Assert.Contains("a-archived.png: starting it failed 2 times, not trying this version again", devhost.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("attempt 2 of 2", devhost.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", devhost.Output, StringComparison.Ordinal);
    }
}
