using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace RunwayRelay.Emulator.Media;

/// <summary>A small valid RGB PNG for text_to_image outputs; the colours depend on a seed so outputs differ.</summary>
internal static class PngBuilder
{
    private const int Size = 64;

    public static byte[] Build(int seed)
    {
        var raw = new byte[Size * (1 + Size * 3)];
        var i = 0;
        for (var y = 0; y < Size; y++)
        {
            raw[i++] = 0; // filter: none
            for (var x = 0; x < Size; x++)
            {
                raw[i++] = (byte)(x * 4 + seed);
                raw[i++] = (byte)(y * 4 + (seed >> 8));
                raw[i++] = (byte)((x + y) * 2 + (seed >> 16));
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, Size);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Size);
        header[8] = 8;  // bit depth
        header[9] = 2;  // colour type: RGB

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typeAndData));
        png.Write(word);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }
}
