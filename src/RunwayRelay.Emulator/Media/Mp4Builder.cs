using System.Buffers.Binary;
using System.Text;

namespace RunwayRelay.Emulator.Media;

/// <summary>
/// Builds a small, valid, playable MP4 (ISO-BMFF: ftyp + moov + mdat, moov first so it streams) holding an H.264
/// track made by <see cref="H264PcmEncoder"/>: a moving colour gradient.
/// </summary>
internal static class Mp4Builder
{
    public const int Width = 64;
    public const int Height = 64;
    public const int FramesPerSecond = 10;
    public const int FrameCount = 20;
    private const int TrackTimescale = 10_240;
    private const int MovieTimescale = 1000;

    public static byte[] Build()
    {
        const int widthInMbs = Width / 16;
        const int heightInMbs = Height / 16;
        var sps = H264PcmEncoder.SequenceParameterSet(widthInMbs, heightInMbs);
        var pps = H264PcmEncoder.PictureParameterSet();

        var samples = new List<byte[]>(FrameCount);
        for (var frame = 0; frame < FrameCount; frame++)
        {
            var f = frame;
            var slice = H264PcmEncoder.IdrSlice(
                idrPicId: frame % 2,
                widthInMbs,
                heightInMbs,
                luma: (x, y) => (byte)(16 + ((x * 3 + y * 2 + f * 9) % 220)),
                cb: (x, y) => (byte)(64 + ((x * 4 + f * 6) % 128)),
                cr: (x, y) => (byte)(64 + ((y * 4 + 127 - f * 6 + 1280) % 128)));
            // MP4 carries NAL units with a 4-byte length prefix instead of start codes.
            var sample = new byte[4 + slice.Length];
            BinaryPrimitives.WriteInt32BigEndian(sample, slice.Length);
            slice.CopyTo(sample, 4);
            samples.Add(sample);
        }

        var ftyp = Box("ftyp", Ascii("isom"), U32(512), Ascii("isom"), Ascii("iso2"), Ascii("avc1"), Ascii("mp41"));
        var mdatPayloadLength = samples.Sum(s => s.Length);
        // The chunk offset depends on moov's size, which does not depend on the offset's value.
        var moovSize = Moov(sps, pps, samples, chunkOffset: 0).Length;
        var chunkOffset = (uint)(ftyp.Length + moovSize + 8);
        var moov = Moov(sps, pps, samples, chunkOffset);

        using var file = new MemoryStream();
        file.Write(ftyp);
        file.Write(moov);
        file.Write(U32((uint)(8 + mdatPayloadLength)));
        file.Write(Ascii("mdat"));
        foreach (var sample in samples)
        {
            file.Write(sample);
        }
        return file.ToArray();
    }

    private static byte[] Moov(byte[] sps, byte[] pps, List<byte[]> samples, uint chunkOffset)
    {
        var movieDuration = (uint)(FrameCount * MovieTimescale / FramesPerSecond);
        var trackDuration = (uint)(FrameCount * TrackTimescale / FramesPerSecond);
        var matrix = Concat(U32(0x00010000), U32(0), U32(0), U32(0), U32(0x00010000), U32(0), U32(0), U32(0), U32(0x40000000));

        var mvhd = FullBox("mvhd", 0, 0,
            U32(0), U32(0), U32(MovieTimescale), U32(movieDuration),
            U32(0x00010000), U16(0x0100), new byte[10], matrix, new byte[24], U32(2));

        var tkhd = FullBox("tkhd", 0, 3,
            U32(0), U32(0), U32(1), U32(0), U32(movieDuration), new byte[8],
            U16(0), U16(0), U16(0), U16(0), matrix, U32(Width << 16), U32(Height << 16));

        var mdhd = FullBox("mdhd", 0, 0, U32(0), U32(0), U32(TrackTimescale), U32(trackDuration), U16(0x55C4), U16(0));
        var hdlr = FullBox("hdlr", 0, 0, U32(0), Ascii("vide"), new byte[12], Ascii("VideoHandler\0"));

        var avcC = Box("avcC",
            [1, sps[1], sps[2], sps[3], 0xFF, 0xE1], U16((ushort)sps.Length), sps,
            [1], U16((ushort)pps.Length), pps);
        var avc1 = Box("avc1",
            new byte[6], U16(1),                       // reserved, data_reference_index
            new byte[16],                              // pre_defined, reserved
            U16(Width), U16(Height),
            U32(0x00480000), U32(0x00480000), U32(0),  // 72 dpi, reserved
            U16(1),                                    // frame_count
            CompressorName("RunwayRelay emulator"),
            U16(0x0018), U16(0xFFFF),                  // depth, pre_defined = -1
            avcC);
        var stsd = FullBox("stsd", 0, 0, U32(1), avc1);
        var stts = FullBox("stts", 0, 0, U32(1), U32((uint)samples.Count), U32(TrackTimescale / FramesPerSecond));
        var stsc = FullBox("stsc", 0, 0, U32(1), U32(1), U32((uint)samples.Count), U32(1));
        var stsz = FullBox("stsz", 0, 0, U32(0), U32((uint)samples.Count), Concat([.. samples.Select(s => U32((uint)s.Length))]));
        var stco = FullBox("stco", 0, 0, U32(1), U32(chunkOffset));
        var stbl = Box("stbl", stsd, stts, stsc, stsz, stco);

        var vmhd = FullBox("vmhd", 0, 1, U16(0), new byte[6]);
        var dinf = Box("dinf", FullBox("dref", 0, 0, U32(1), FullBox("url ", 0, 1)));
        var minf = Box("minf", vmhd, dinf, stbl);
        var mdia = Box("mdia", mdhd, hdlr, minf);
        var trak = Box("trak", tkhd, mdia);
        return Box("moov", mvhd, trak);
    }

    private static byte[] CompressorName(string name)
    {
        var field = new byte[32];
        field[0] = (byte)name.Length;
        Encoding.ASCII.GetBytes(name).CopyTo(field, 1);
        return field;
    }

    private static byte[] Box(string type, params byte[][] content)
    {
        var payload = Concat(content);
        return Concat(U32((uint)(8 + payload.Length)), Ascii(type), payload);
    }

    private static byte[] FullBox(string type, byte version, uint flags, params byte[][] content) =>
        Box(type, [Concat([version, (byte)(flags >> 16), (byte)(flags >> 8), (byte)flags]), .. content]);

    private static byte[] Concat(params byte[][] parts)
    {
        var result = new byte[parts.Sum(p => p.Length)];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(result, offset);
            offset += part.Length;
        }
        return result;
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] U32(int value) => U32((uint)value);

    private static byte[] U16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] U16(int value) => U16((ushort)value);
}
