using System.Buffers.Binary;

namespace RunwayRelay.IntegrationTests.Emulator;

/// <summary>
/// Walks the ISO-BMFF boxes of a downloaded output the way a demuxer does, so a broken file fails here even where no
/// ffprobe is installed (ffprobe/ffmpeg decode it cleanly; see docs/emulator.md).
/// </summary>
public sealed class EmulatorMp4StructureTests : EmulatorOutputTestBase
{
    private static readonly HashSet<string> Containers = ["moov", "trak", "mdia", "minf", "stbl", "dinf"];

    [Fact]
    public async Task Output_Mp4_HasConsistentSampleTableAndH264Samples()
    {
        Runway.Options.OutputSizeBytes = 2_000_000;
        var bytes = await Http.GetByteArrayAsync(await FinishedOutputUrlAsync());

        var top = Boxes(bytes, 0, bytes.Length).ToList();
        Assert.Equal(["ftyp", "moov", "mdat", "free"], top.Select(b => b.Type));
        Assert.Equal(bytes.Length, top[^1].Offset + top[^1].Size);

        var all = Flatten(bytes, top).ToDictionary(b => b.Type, b => b);
        var hdlr = all["hdlr"];
        Assert.Equal("vide", Encoding.ASCII.GetString(bytes, (int)hdlr.Offset + 16, 4));

        // stsd → avc1 → avcC with a Baseline SPS.
        var stsd = all["stsd"];
        var avc1Offset = (int)stsd.Offset + 16;
        Assert.Equal("avc1", Encoding.ASCII.GetString(bytes, avc1Offset + 4, 4));
        Assert.Equal(64, BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(avc1Offset + 32)));
        var avcC = avc1Offset + 8 + 78;
        Assert.Equal("avcC", Encoding.ASCII.GetString(bytes, avcC + 4, 4));
        Assert.Equal(66, bytes[avcC + 9]); // AVCProfileIndication: Baseline

        // stsz sizes add up to mdat's payload, stco points at it, and each sample is one length-prefixed IDR NAL unit.
        var stsz = (int)all["stsz"].Offset;
        var count = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(stsz + 16));
        var sizes = Enumerable.Range(0, count).Select(i => (long)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(stsz + 20 + 4 * i))).ToList();
        var mdat = top[2];
        Assert.Equal(20, count);
        Assert.Equal(mdat.Size - 8, sizes.Sum());
        var chunkOffset = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)all["stco"].Offset + 16));
        Assert.Equal(mdat.Offset + 8, chunkOffset);
        var position = (long)chunkOffset;
        foreach (var size in sizes)
        {
            Assert.Equal(size - 4, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)position)));
            Assert.Equal(5, bytes[position + 4] & 0x1F); // nal_unit_type 5: IDR slice
            position += size;
        }

        // Durations agree: 20 frames at 10 fps = 2 s.
        var mvhd = (int)all["mvhd"].Offset;
        Assert.Equal(2000u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(mvhd + 24)) * 1000 / BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(mvhd + 20)));
    }

    private static IEnumerable<(string Type, long Offset, long Size)> Boxes(byte[] bytes, long start, long end)
    {
        for (var offset = start; offset < end;)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)offset));
            var type = Encoding.ASCII.GetString(bytes, (int)offset + 4, 4);
            if (size == 1)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan((int)offset + 8));
            }
            Assert.True(size >= 8 && offset + size <= end, $"box '{type}' at {offset} has size {size} beyond {end}");
            yield return (type, offset, size);
            offset += size;
        }
    }

    private static IEnumerable<(string Type, long Offset, long Size)> Flatten(byte[] bytes, IEnumerable<(string Type, long Offset, long Size)> boxes)
    {
        foreach (var box in boxes)
        {
            yield return box;
            if (Containers.Contains(box.Type))
            {
                foreach (var child in Flatten(bytes, Boxes(bytes, box.Offset + 8, box.Offset + box.Size)))
                {
                    yield return child;
                }
            }
        }
    }
}
