using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace RunwayRelay.IntegrationTests.Orchestration;

/// <summary>
/// The copy's commit is a conditional create: a blob that appears under the name after the existence check (here: written
/// while the source is being read) is never overwritten.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobVideoStoreCommitTests(AzuriteFixture azurite)
{
    private const int SourceSize = 3 * 1024 * 1024;
    private readonly string _container = "videos-" + Guid.NewGuid().ToString("N")[..10];

    [Theory]
    [InlineData(1024 * 1024)]      // staged blocks, committed by Put Block List
    [InlineData(8 * 1024 * 1024)]  // one Put Blob
    public async Task CopyAsync_AnotherGenerationWritesTheNameMidCopy_KeepsItsBlobAndFails(int blockSize)
    {
        await using var source = await ServeAsync();
        var storage = new BlobServiceClient(azurite.ConnectionString);
        var target = storage.GetBlobContainerClient(_container).GetBlobClient("race.mp4");
        byte[] theirs = "another generation's video"u8.ToArray();
        var http = MidReadHook(() => target.UploadAsync(new BinaryData(theirs), new BlobUploadOptions
        {
            Metadata = new Dictionary<string, string> { [VideoMetadata.RunwayTaskIdKey] = "task-theirs" },
        }));

        var error = await Assert.ThrowsAsync<VideoCopyException>(() =>
            Store(storage, http, blockSize).CopyAsync(new Uri(source.Url, "out.mp4"), "race.mp4", Metadata("task-ours")));

        Assert.Contains("already holds another generation's video (Runway task task-theirs)", error.Message, StringComparison.Ordinal);
        Assert.Equal(theirs, (await target.DownloadContentAsync()).Value.Content.ToArray());
        Assert.Equal("task-theirs", (await target.GetPropertiesAsync()).Value.Metadata[VideoMetadata.RunwayTaskIdKey]);
    }

    [Fact]
    public async Task CopyAsync_SameTaskCommittedByAnotherRunMidCopy_ReturnsThatBlob()
    {
        await using var source = await ServeAsync();
        var storage = new BlobServiceClient(azurite.ConnectionString);
        var target = storage.GetBlobContainerClient(_container).GetBlobClient("rerun.mp4");
        byte[] firstRun = new byte[SourceSize];
        Array.Fill(firstRun, (byte)7);
        var http = MidReadHook(() => target.UploadAsync(new BinaryData(firstRun), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "video/mp4" },
            Metadata = Metadata("task-ours").ToDictionary(),
        }));

        var video = await Store(storage, http, 8 * 1024 * 1024).CopyAsync(new Uri(source.Url, "out.mp4"), "rerun.mp4", Metadata("task-ours"));

        Assert.Equal(SourceSize, video.Size);
        Assert.Equal(firstRun, (await target.DownloadContentAsync()).Value.Content.ToArray());
    }

    private static VideoMetadata Metadata(string taskId) => new(taskId, "gen4.5", "gen-" + taskId, "abc");

    /// <summary>Serves <see cref="SourceSize"/> bytes of 1s as an mp4 with its Content-Length.</summary>
    private static Task<ScriptedHttpServer> ServeAsync() => ScriptedHttpServer.StartAsync(async http =>
    {
        byte[] body = new byte[SourceSize];
        Array.Fill(body, (byte)1);
        http.Response.ContentType = "video/mp4";
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    });

    /// <summary>Real HTTP to the source, with <paramref name="hook"/> run once when the copy has read its first MiB.</summary>
    private static HttpClient MidReadHook(Func<Task> hook) => new(new HookingHandler(hook) { InnerHandler = new SocketsHttpHandler() });

    private BlobVideoStore Store(BlobServiceClient storage, HttpClient http, int blockSize) =>
        new(http, storage, Options.Create(new OutputOptions { Container = _container, UploadBlockSize = blockSize }), NullLogger<BlobVideoStore>.Instance);

    private sealed class HookingHandler(Func<Task> hook) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var original = response.Content;
            var content = new StreamContent(new HookingStream(await original.ReadAsStreamAsync(cancellationToken), hook));
            foreach (var header in original.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            response.Content = content;
            return response;
        }
    }

    private sealed class HookingStream(Stream inner, Func<Task> hook) : Stream
    {
        private long _read;
        private bool _fired;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_fired && _read >= 1024 * 1024)
            {
                _fired = true;
                await hook();
            }
            int n = await inner.ReadAsync(buffer, cancellationToken);
            _read += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("the copy reads asynchronously");
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
