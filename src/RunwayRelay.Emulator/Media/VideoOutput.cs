using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace RunwayRelay.Emulator.Media;

/// <summary>
/// The bytes of one video output, as a virtual file: the generated MP4, then (when a larger size is asked for)
/// an ISO-BMFF <c>free</c> box whose content repeats a 64 KiB block derived from the task id. Players skip
/// <c>free</c> boxes, the same task always yields the same bytes, and nothing larger than the block is held in memory.
/// </summary>
internal sealed class VideoOutput
{
    private const int PatternLength = 64 * 1024;
    private static readonly Lazy<byte[]> BaseMp4 = new(Mp4Builder.Build);

    private readonly byte[] _prefix;
    private readonly string _taskId;
    private byte[]? _pattern;

    public VideoOutput(string taskId, long requestedSize)
    {
        _taskId = taskId;
        var mp4 = BaseMp4.Value;
        var padding = requestedSize - mp4.Length;
        if (padding < 16)
        {
            _prefix = mp4;
            Length = mp4.Length;
            return;
        }

        // A box over 4 GiB needs the 64-bit "largesize" form.
        var header = padding > uint.MaxValue ? new byte[16] : new byte[8];
        if (header.Length == 16)
        {
            BinaryPrimitives.WriteUInt32BigEndian(header, 1);
            BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(8), (ulong)padding);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(header, (uint)padding);
        }
        Encoding.ASCII.GetBytes("free").CopyTo(header, 4);
        _prefix = [.. mp4, .. header];
        Length = requestedSize;
    }

    public static int BaseLength => BaseMp4.Value.Length;

    public long Length { get; }

    /// <summary>Writes bytes [offset, offset + count) to <paramref name="destination"/> in 64 KiB pieces.</summary>
    public async Task WriteAsync(Stream destination, long offset, long count, CancellationToken cancellationToken)
    {
        var end = offset + count;
        if (offset < _prefix.Length)
        {
            var take = (int)Math.Min(_prefix.Length - offset, count);
            await destination.WriteAsync(_prefix.AsMemory((int)offset, take), cancellationToken);
            offset += take;
        }
        if (offset >= end)
        {
            return;
        }

        var pattern = _pattern ??= Pattern(_taskId);
        while (offset < end)
        {
            var inPattern = (int)((offset - _prefix.Length) % PatternLength);
            var take = (int)Math.Min(PatternLength - inPattern, end - offset);
            await destination.WriteAsync(pattern.AsMemory(inPattern, take), cancellationToken);
            offset += take;
        }
    }

    private static byte[] Pattern(string taskId)
    {
        var pattern = new byte[PatternLength];
        var seed = SHA256.HashData(Encoding.UTF8.GetBytes(taskId));
        var block = new byte[seed.Length + 4];
        seed.CopyTo(block, 0);
        for (var i = 0; i * 32 < PatternLength; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(block.AsSpan(seed.Length), i);
            SHA256.HashData(block).CopyTo(pattern, i * 32);
        }
        return pattern;
    }
}
