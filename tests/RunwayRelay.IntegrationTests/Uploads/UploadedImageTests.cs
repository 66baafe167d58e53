namespace RunwayRelay.IntegrationTests.Uploads;

/// <summary>
/// A blob upload's image is read by the submit activity itself: as a data URI when it fits Runway's 5 MiB limit, else
/// through an ephemeral upload, instead of being refused. Real starter, durable engine, emulator and Azurite.
/// </summary>
public sealed class UploadedImageTests(AzuriteFixture azurite) : AzuriteTestBase(azurite)
{
    [Fact]
    public async Task Upload_SmallImage_SentAsDataUriWithoutEphemeralUpload()
    {
        await using var host = await GenerationHost.StartWebAsync(Azurite.ConnectionString);
        var blob = await UploadAsync(host, "small.png", Png(64 * 1024));

        var outcome = await StartAndWaitAsync(host, blob);

        Assert.Equal(GenerationPhase.Succeeded, outcome.Status);
        Assert.Single(host.Emulator.Activity.Creates);
        Assert.Empty(host.Emulator.Activity.Uploads);
    }

    [Fact]
    public async Task Upload_ImageTooLargeForADataUri_SentThroughOneEphemeralUploadAndSucceeds()
    {
        await using var host = await GenerationHost.StartWebAsync(Azurite.ConnectionString);
        byte[] image = Png(6 * 1024 * 1024);
        Assert.True(image.Length > PromptImageLoader.MaxDataUriImageBytes("image/png"));
        var blob = await UploadAsync(host, "large.png", image);

        var outcome = await StartAndWaitAsync(host, blob);

        Assert.Equal(GenerationPhase.Succeeded, outcome.Status);
        Assert.Single(host.Emulator.Activity.Creates);
        var upload = Assert.Single(host.Emulator.Activity.Uploads);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(image)), upload.Sha256);
        Assert.Equal("large.png", upload.FileName);
        Assert.False(upload.HadAuthorization);
        Assert.All(host.Payloads.Payloads, p => Assert.True(p.Length < 64 * 1024, $"a payload of {p.Length} characters"));
    }

    [Fact]
    public async Task Upload_ContentNotWhatItsTypeSays_RefusedWithReportAndNothingSubmitted()
    {
        await using var host = await GenerationHost.StartWebAsync(Azurite.ConnectionString);
        var blob = await UploadAsync(host, "notes.png", "this is text, not a PNG"u8.ToArray());

        var result = await host.Services.GetRequiredService<BlobGenerationStarter>().StartAsync(blob, host.Client);

        Assert.Equal(BlobGenerationOutcome.Refused, result.Outcome);
        Assert.Contains("not a image/png image", Assert.Single(result.Errors!["promptImage"]), StringComparison.Ordinal);
        Assert.True((await host.OutputContainer.GetBlobClient("notes.error.json").ExistsAsync()).Value);
        Assert.Empty(host.Emulator.Activity.Creates);
    }

    private static async Task<GenerationOutcome> StartAndWaitAsync(GenerationHost host, BlobClient blob)
    {
        var result = await host.Services.GetRequiredService<BlobGenerationStarter>().StartAsync(blob, host.Client);
        Assert.Equal(BlobGenerationOutcome.Started, result.Outcome);
        return (await host.WaitAsync(result.GenerationId!)).ReadOutputAs<GenerationOutcome>()!;
    }

    private static async Task<BlobClient> UploadAsync(GenerationHost host, string name, byte[] content)
    {
        var inbox = host.Services.GetRequiredKeyedService<BlobServiceClient>(VideoStorageClientFactory.ConnectionName)
            .GetBlobContainerClient("inbox-" + Guid.NewGuid().ToString("N")[..10]);
        await inbox.CreateAsync();
        var blob = inbox.GetBlobClient(name);
        await blob.UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "image/png" },
            Metadata = new Dictionary<string, string> { ["prompt"] = "the cat turns its head" },
        });
        return blob;
    }

    /// <summary>A PNG signature followed by random bytes: the emulator checks the media type, not the pixels.</summary>
    private static byte[] Png(int length)
    {
        byte[] bytes = RandomNumberGenerator.GetBytes(length);
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        signature.CopyTo(bytes);
        return bytes;
    }
}
