using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using RunwayRelay.Emulator.Uploads;

namespace RunwayRelay.IntegrationTests.Runway;

/// <summary><see cref="RunwayClient.UploadEphemeralAsync"/> through the production registration against the emulator over HTTP.</summary>
public sealed class RunwayClientUploadTests : EmulatorTestBase
{
    [Fact]
    public async Task UploadEphemeralAsync_SixMiBPng_UriWorksInCreateTask()
    {
        var bytes = Png(6 * 1024 * 1024); // beyond the 5 MiB a data URI may carry
        using var content = new MemoryStream(bytes);

        var upload = await Runway.Client.UploadEphemeralAsync("inbox-cat.png", "image/png", content, bytes.Length);
        var (_, task) = await Runway.RunToEndAsync(ImageToVideo() with { PromptImage = [new PromptImage(upload.RunwayUri)] });

        Assert.StartsWith("runway://", upload.RunwayUri, StringComparison.Ordinal);
        Assert.InRange(upload.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24));
        Assert.Equal(RunwayTaskStatus.Succeeded, task.Status);
        var stored = Assert.Single(Emulator.Activity.Uploads);
        Assert.Equal(bytes.Length, stored.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), stored.Sha256);
        Assert.Equal(("inbox-cat.png", "image/png"), (stored.FileName, stored.ContentType));
        Assert.True(content.CanRead, "the caller's stream is left open");
    }

    [Fact]
    public async Task UploadEphemeralAsync_StoragePost_CarriesNoKeyAndNothingSecretIsLogged()
    {
        var bytes = Png(4096);

        var upload = await Runway.Client.UploadEphemeralAsync("cat.png", "image/png", new MemoryStream(bytes), bytes.Length);
        Emulator.Options.UploadUrlLifetime = TimeSpan.FromTicks(1); // the next slot's policy is expired on arrival
        var refused = await Assert.ThrowsAsync<RunwayException>(() =>
            Runway.Client.UploadEphemeralAsync("late.png", "image/png", new MemoryStream(bytes), bytes.Length));

        var stored = Assert.Single(Emulator.Activity.Uploads);
        Assert.False(stored.HadAuthorization);
        Assert.All(Emulator.Activity.Requests.Where(r => r.Kind == RouteKind.Storage), r => Assert.Null(r.KeyFingerprint));
        Assert.Equal(2, Emulator.Activity.Requests.Count(r => r.Kind == RouteKind.Upload && r.KeyFingerprint is not null));

        var store = Emulator.Services.GetRequiredService<UploadStore>();
        var fields = UploadPolicy.Fields(store.Find(stored.UploadId)!, store.PolicyKey);
        var secrets = new[] { Emulator.ApiKey, Emulator.ApiKey[4..], fields[UploadPolicy.Policy], fields[UploadPolicy.Signature] };
        var lines = Runway.RenderedLogs().ToList();
        Assert.Contains(lines, l => l.Contains("Uploaded cat.png (4096 bytes)", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, refused.ToString(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("expired", refused.Message, StringComparison.Ordinal);
        Assert.NotNull(upload);
    }

    [Theory]
    [InlineData("500")]
    [InlineData("429")]
    [InlineData("drop")]
    public async Task UploadEphemeralAsync_StorageFailsOnceWithSeekableStream_RetriesTheSameSlot(string fault)
    {
        var rule = Emulator.Options.Faults.Storage;
        rule.RetryAfter = TimeSpan.FromMilliseconds(10);
        _ = fault switch
        {
            "500" => rule.ServerErrorNext = 1,
            "429" => rule.TooManyRequestsNext = 1,
            _ => rule.DropConnectionNext = 1,
        };
        var bytes = Png(2048);

        var upload = await Runway.Client.UploadEphemeralAsync("cat.png", "image/png", new MemoryStream(bytes), bytes.Length);

        var activity = Emulator.Activity;
        Assert.Equal(1, activity.UploadSlotAttempts);
        Assert.Equal(2, activity.StorageAttempts);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), Assert.Single(activity.Uploads).Sha256);
        Assert.EndsWith(Assert.Single(activity.Uploads).UploadId, upload.RunwayUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadEphemeralAsync_StorageFailsWithForwardOnlyStream_IsNotRetried()
    {
        Emulator.Options.Faults.Storage.ServerErrorNext = 1;
        var bytes = Png(2048);

        var ex = await Assert.ThrowsAsync<RunwayException>(() =>
            Runway.Client.UploadEphemeralAsync("cat.png", "image/png", new ForwardOnlyStream(bytes), bytes.Length));

        Assert.Equal(RunwayErrorKind.ServerError, ex.Kind);
        Assert.Equal(1, Emulator.Activity.StorageAttempts);
        Assert.Empty(Emulator.Activity.Uploads);
    }

    [Fact]
    public async Task UploadEphemeralAsync_ForwardOnlyStream_Uploads()
    {
        var bytes = Png(100_000);

        await Runway.Client.UploadEphemeralAsync("cat.png", "image/png", new ForwardOnlyStream(bytes), bytes.Length);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), Assert.Single(Emulator.Activity.Uploads).Sha256);
    }

    [Fact]
    public async Task UploadEphemeralAsync_SlotRequestFails5xxOnce_IsRetriedAsItCreatesNothingBillable()
    {
        Emulator.Options.Faults.Upload.ServerErrorNext = 1;
        var bytes = Png(1024);

        await Runway.Client.UploadEphemeralAsync("cat.png", "image/png", new MemoryStream(bytes), bytes.Length);

        Assert.Equal(2, Emulator.Activity.UploadSlotAttempts);
        Assert.Single(Emulator.Activity.Uploads);
    }

    [Theory]
    [InlineData(511L)]
    [InlineData(200L * 1024 * 1024 + 1)]
    public async Task UploadEphemeralAsync_LengthOutOfRange_ThrowsBeforeAnyRequest(long length)
    {

        var ex = await Assert.ThrowsAsync<RunwayException>(() =>
            Runway.Client.UploadEphemeralAsync("cat.png", "image/png", new ForwardOnlyStream(new byte[16]), length));

        Assert.Equal(RunwayErrorKind.InvalidRequest, ex.Kind);
        Assert.Contains("512 bytes to 200 MiB", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Emulator.Activity.Requests);
    }

    [Fact]
    public async Task UploadEphemeralAsync_BadNameOrWrongLength_ThrowsNamingEveryProblem()
    {

        var ex = await Assert.ThrowsAsync<RunwayException>(() =>
            Runway.Client.UploadEphemeralAsync("dir/cat", "not a type", new MemoryStream(new byte[1000]), 2000));

        Assert.Contains("file name 'dir/cat'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("content type 'not a type'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("holds 1000 bytes", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Emulator.Activity.Requests);
    }

    [Fact]
    public async Task UploadEphemeralAsync_StorageRejectsSize_ThrowsInvalidRequestWithStorageCode()
    {
        Emulator.Options.MaxUploadBytes = 1024;
        var bytes = Png(2048);

        var ex = await Assert.ThrowsAsync<RunwayException>(() =>
            Runway.Client.UploadEphemeralAsync("cat.png", "image/png", new MemoryStream(bytes), bytes.Length));

        Assert.Equal(RunwayErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Contains("400 EntityTooLarge", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, Emulator.Activity.StorageAttempts); // a 4xx is final
    }

    [Fact]
    public async Task UploadEphemeralAsync_NoCredits_ThrowsInvalidRequestFromRunway()
    {
        Emulator.CreditBalance = 0;

        var ex = await Assert.ThrowsAsync<RunwayException>(() =>
            Runway.Client.UploadEphemeralAsync("cat.png", "image/png", new MemoryStream(new byte[1024]), 1024));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Contains("purchased credits", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, Emulator.Activity.StorageAttempts);
    }

    [Fact]
    public async Task UploadEphemeralAsync_EmulatorEmbeddedUnderPrefix_UploadsAndCreates()
    {
        // The DevHost's layout: the emulator mapped at /runway inside another app.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddRunwayEmulator(o => o.TimeScale = 0.001);
        await using var app = builder.Build();
        app.MapRunwayEmulator("/runway");
        await app.StartAsync();
        using var harness = RunwayClientHarness.Create(new Uri(app.Urls.Single().TrimEnd('/') + "/runway/"), RunwayEmulatorServer.CreateApiKey());
        var bytes = Png(8192);

        var upload = await harness.Client.UploadEphemeralAsync("cat.webp", "image/webp", new MemoryStream(bytes), bytes.Length);
        await harness.Client.CreateTaskAsync(ImageToVideo() with { PromptImage = [new PromptImage(upload.RunwayUri)] });

        var activity = app.Services.GetRequiredService<RunwayEmulatorControl>().Activity;
        Assert.Equal(bytes.Length, Assert.Single(activity.Uploads).Bytes);
        Assert.StartsWith("/runway/_emulator/uploads/", activity.Requests.Single(r => r.Kind == RouteKind.Storage).Path, StringComparison.Ordinal);
        Assert.Single(activity.Creates);
        await app.StopAsync();
    }

    /// <summary>PNG signature, then random bytes: what a blob-upload image looks like to the transport.</summary>
    private static byte[] Png(int size)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        return bytes;
    }

    /// <summary>A stream that cannot seek, like a network body.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
