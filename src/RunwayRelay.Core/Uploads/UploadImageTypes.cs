namespace RunwayRelay.Uploads;

/// <summary>
/// The image types a blob upload may be (those Runway takes as a prompt image): their media types, the file
/// extensions that name them, and the first bytes each starts with. Content-Type and extension are what the uploader
/// claims; Runway refuses content that is not what its data URI says, after the generation was accepted.
/// </summary>
public static class UploadImageTypes
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Webp = "image/webp";

    /// <summary>How many leading bytes <see cref="Matches"/> needs.</summary>
    public const int Length = 12;

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = Jpeg, [".jpeg"] = Jpeg, [".png"] = Png, [".webp"] = Webp,
    };

    /// <summary>The accepted type a lower-case media type names (<c>image/jpg</c> read as JPEG); null for any other.</summary>
    public static string? FromMediaType(string? mediaType) => mediaType switch
    {
        "image/jpg" or Jpeg => Jpeg,
        Png or Webp => mediaType,
        _ => null,
    };

    /// <summary>The accepted type a file name's extension names; null for any other.</summary>
    public static string? FromFileName(string fileName) =>
        ByExtension.TryGetValue(Path.GetExtension(fileName), out var mediaType) ? mediaType : null;

    /// <summary>The extension a file of <paramref name="mediaType"/> is given (Runway's uploads want one).</summary>
    public static string FileExtension(string mediaType) => mediaType switch
    {
        Jpeg => ".jpg",
        Webp => ".webp",
        _ => ".png",
    };

    public static bool Matches(string mediaType, ReadOnlySpan<byte> head) => mediaType switch
    {
        Png => head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        Jpeg => head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
        Webp => head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8),
        _ => false,
    };

    /// <summary>The start of a data URI of <paramref name="mediaType"/>, before the base64.</summary>
    public static string DataUriPrefix(string mediaType) => $"data:{mediaType};base64,";
}
