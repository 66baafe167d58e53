using System.Text;

namespace RunwayRelay.Tests.Orchestration.Activities;

public sealed class RunwayOutputCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);

    private static string Jwt(DateTimeOffset exp) =>
        "h." + Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { exp = exp.ToUnixTimeSeconds() }))).TrimEnd('=').Replace('+', '-').Replace('/', '_') + ".s";

    [Fact]
    public void ExpiryOf_SignedUrlForms_ReadsEach()
    {
        var at = Now.AddHours(24);
        Assert.Equal(at, RunwayOutputCache.ExpiryOf($"http://127.0.0.1:1/_emulator/outputs/t/0.mp4?expires={at.ToUnixTimeSeconds()}&signature=ab"));
        Assert.Equal(at, RunwayOutputCache.ExpiryOf("https://a.blob.core.windows.net/c/v.mp4?sv=2024&se=" + Uri.EscapeDataString(at.ToString("yyyy-MM-ddTHH:mm:ssZ")) + "&sig=x"));
        Assert.Equal(at, RunwayOutputCache.ExpiryOf("https://s3.example.com/v.mp4?X-Amz-Date=" + Now.ToString("yyyyMMdd'T'HHmmss'Z'") + "&X-Amz-Expires=86400&X-Amz-Signature=x"));
        Assert.Equal(at, RunwayOutputCache.ExpiryOf("https://dnznrvs05pmza.cloudfront.net/v.mp4?_jwt=" + Jwt(at)));
        Assert.Null(RunwayOutputCache.ExpiryOf("https://cdn.example.com/v.mp4?_jwt=not-a-jwt"));
        Assert.Null(RunwayOutputCache.ExpiryOf("https://cdn.example.com/v.mp4"));
    }

    [Fact]
    public void TryTake_FreshEntry_ReturnsItOnce()
    {
        var cache = new RunwayOutputCache(_time);
        string url = $"https://cdn.example.com/v.mp4?expires={Now.AddHours(24).ToUnixTimeSeconds()}";
        cache.Remember("task-1", [url]);

        Assert.Equal([url], cache.TryTake("task-1"));
        Assert.Null(cache.TryTake("task-1"));
    }

    [Theory]
    [InlineData(10, 0)]   // the URL expires in 10 min: too soon to start a download
    [InlineData(600, 3)]  // the copy came 3 min after the read
    public void TryTake_ExpiringOrOldEntry_Misses(int urlLifetimeMinutes, int copyAfterMinutes)
    {
        var cache = new RunwayOutputCache(_time);
        cache.Remember("task-1", [$"https://cdn.example.com/v.mp4?expires={Now.AddMinutes(urlLifetimeMinutes).ToUnixTimeSeconds()}"]);
        _time.Advance(TimeSpan.FromMinutes(copyAfterMinutes));

        Assert.Null(cache.TryTake("task-1"));
    }

    [Fact]
    public void Remember_UrlWithoutReadableExpiry_IsNotKept()
    {
        var cache = new RunwayOutputCache(_time);
        cache.Remember("task-1", ["https://cdn.example.com/v.mp4?token=opaque"]);

        Assert.Null(cache.TryTake("task-1"));
    }

    [Fact]
    public async Task ReadThenCopy_SucceededWithFreshUrls_GetsTheTaskOnce()
    {
        var runway = new Mock<IRunwayClient>();
        string url = $"https://cdn.example.com/v.mp4?expires={Now.AddHours(24).ToUnixTimeSeconds()}&signature=s3cr3t";
        runway.Setup(r => r.GetTaskAsync("task-9", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new RunwayTask { Id = "task-9", Status = RunwayTaskStatus.Succeeded, Output = [url] });
        var store = new Mock<IVideoStore>();
        store.Setup(s => s.CopyAsync(It.IsAny<Uri>(), It.IsAny<string>(), It.IsAny<VideoMetadata>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Uri _, string name, VideoMetadata _, CancellationToken _) => new RunwayRelay.Generations.StoredVideo(name, new Uri("http://x/" + name), 1, "video/mp4"));
        var cache = new RunwayOutputCache(_time);

        var snapshot = await new ReadRunwayTaskActivity(runway.Object, cache, _time, NullLogger<ReadRunwayTaskActivity>.Instance).RunAsync(null!, new ReadRunwayTaskInput("task-9"));
        await new CopyOutputsActivity(runway.Object, cache, store.Object, new ModelRunTimes(), NullLogger<CopyOutputsActivity>.Instance)
            .RunAsync(null!, new CopyOutputsInput("gen-1", "task-9", "gen4.5", "abc", "gen-1.mp4"));
        await new CopyOutputsActivity(runway.Object, cache, store.Object, new ModelRunTimes(), NullLogger<CopyOutputsActivity>.Instance)
            .RunAsync(null!, new CopyOutputsInput("gen-1", "task-9", "gen4.5", "abc", "gen-1.mp4"));

        // The first copy used the read's URLs; the second (a re-run) misses and reads for itself.
        runway.Verify(r => r.GetTaskAsync("task-9", It.IsAny<CancellationToken>()), Times.Exactly(2));
        store.Verify(s => s.CopyAsync(new Uri(url), "gen-1.mp4", It.IsAny<VideoMetadata>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
        Assert.DoesNotContain("s3cr3t", JsonSerializer.Serialize(snapshot), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadRunAsync_NotBeforeInTheFuture_HoldsTheGetUntilThen()
    {
        var runway = new Mock<IRunwayClient>();
        DateTimeOffset? sentAt = null;
        runway.Setup(r => r.GetTaskAsync("task-9", It.IsAny<CancellationToken>()))
            .Callback(() => sentAt = _time.GetUtcNow())
            .ReturnsAsync(new RunwayTask { Id = "task-9", Status = RunwayTaskStatus.Running, Progress = 0.5 });
        var activity = new ReadRunwayTaskActivity(runway.Object, new RunwayOutputCache(_time), _time, NullLogger<ReadRunwayTaskActivity>.Instance);

        var read = activity.RunAsync(null!, new ReadRunwayTaskInput("task-9", Now.AddMilliseconds(900)));
        await Task.Delay(50);
        Assert.False(read.IsCompleted);
        Assert.Null(sentAt);
        _time.Advance(TimeSpan.FromMilliseconds(950));
        var snapshot = await read.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(sentAt >= Now.AddMilliseconds(900));
        Assert.Equal(sentAt, snapshot.ReadAt);
    }

    [Theory]
    [InlineData("\"task-9\"", null)]
    [InlineData("{\"runwayTaskId\":\"task-9\",\"notBefore\":\"2026-12-01T12:00:05+00:00\"}", "2026-12-01T12:00:05+00:00")]
    [InlineData("{\"RunwayTaskId\":\"task-9\"}", null)]
    public void ReadRunwayTaskInput_LegacyStringOrObject_Deserializes(string json, string? notBefore)
    {
        var input = JsonSerializer.Deserialize<ReadRunwayTaskInput>(json)!;

        Assert.Equal("task-9", input.RunwayTaskId);
        Assert.Equal(notBefore is null ? null : DateTimeOffset.Parse(notBefore, System.Globalization.CultureInfo.InvariantCulture), input.NotBefore);
        Assert.Equal(input, JsonSerializer.Deserialize<ReadRunwayTaskInput>(JsonSerializer.Serialize(input)));
    }
}
