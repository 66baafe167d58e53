using System.Buffers.Binary;

namespace RunwayRelay.IntegrationTests.Emulator;

/// <summary>Measures process-wide allocations, so it runs alone (see <see cref="SerialEmulatorCollection"/>).</summary>
[Collection(SerialEmulatorCollection.Name)]
public sealed class EmulatorLargeOutputTests : EmulatorOutputTestBase
{
    [Fact]
    public async Task Output_Large_StreamsDeterministicBytesWithBoundedMemory()
    {
        const long size = 64L * 1024 * 1024;
        Runway.Options.OutputSizeBytes = size;
        var url = await FinishedOutputUrlAsync();
        var id = Runway.Activity.Creates.Single().TaskId;

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var (first, length, head) = await HashAsync(url);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        var (second, _, _) = await HashAsync(url);

        Assert.Equal(size, length);
        Assert.Equal(first, second);
        Assert.Equal("ftyp", Encoding.ASCII.GetString(head, 4, 4));
        // Holding the file in memory would allocate at least 64 MiB.
        Assert.True(allocated < size / 4, $"downloading {size} bytes allocated {allocated} bytes in the process");

        // The padding is a 'free' box right after the MP4, so players ignore it.
        var mp4Length = RunwayRelay.Emulator.Media.VideoOutput.BaseLength;
        Assert.Equal("free", Encoding.ASCII.GetString(head, mp4Length + 4, 4));
        Assert.Equal((uint)(size - mp4Length), BinaryPrimitives.ReadUInt32BigEndian(head.AsSpan(mp4Length)));

        // Another task's padding differs.
        var otherId = await CreateTaskAsync();
        var (_, other) = await WaitForEndAsync(otherId);
        var (otherHash, _, _) = await HashAsync(other.GetProperty("output")[0].GetString()!);
        Assert.NotEqual(first, otherHash);
        Assert.Equal(2, Runway.Activity.DownloadsByTask[id]);
    }

}
