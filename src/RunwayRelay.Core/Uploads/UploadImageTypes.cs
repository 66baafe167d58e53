namespace RunwayRelay.Uploads;

/// <summary>
/// The first bytes each accepted image type starts with. Content-Type and extension are what the uploader claims;
/// Runway refuses content that is not what its data URI says, after the generation was accepted.
/// </summary>
public static class ImageSignatures
{
    /// <summary>How many leading bytes <see cref="Matches"/> needs.</summary>
    public const int Length = 12;

    public static bool Matches(string mediaType, ReadOnlySpan<byte> head) => mediaType switch
    {
        "image/png" => head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        "image/jpeg" => head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
        "image/webp" => head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8),
        _ => false,
    };
}
