using RunwayRelay.Uploads;

namespace RunwayRelay.Tests.Uploads;

public sealed class UploadImageTypesTests
{
    /// <summary>Blob name, Content-Type, and the type the upload is taken as (null: refused).</summary>
    public static TheoryData<string, string?, string?> Uploads => new()
    {
        { "cat.png", "image/png", UploadImageTypes.Png },
        { "cat.png", "image/JPG; charset=binary", UploadImageTypes.Jpeg },
        { "cat.webp", "application/octet-stream", UploadImageTypes.Webp },
        { "cat.JPEG", null, UploadImageTypes.Jpeg },
        { "cat.jpg", "", UploadImageTypes.Jpeg },
        { "cat.png", "text/plain", null },
        { "cat.gif", "application/octet-stream", null },
        { "cat", "binary/octet-stream", null },
    };

    [Theory]
    [MemberData(nameof(Uploads))]
    public void ImageMediaType_DeclaredTypeThenExtension_IsTheAcceptedType(string blobName, string? contentType, string? expected)
    {
        Assert.Equal(expected, BlobGenerationStarter.ImageMediaType(blobName, contentType));
    }

    [Theory]
    [InlineData("image/jpeg", ".jpg")]
    [InlineData("image/png", ".png")]
    [InlineData("image/webp", ".webp")]
    public void FileExtension_EveryType_NamesItBackFromTheFileName(string mediaType, string extension)
    {
        Assert.Equal(extension, UploadImageTypes.FileExtension(mediaType));
        Assert.Equal(mediaType, UploadImageTypes.FromFileName("a" + extension));
    }

    [Fact]
    public void Matches_PngHeadDeclaredAsJpeg_IsRefused()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];

        Assert.True(UploadImageTypes.Matches(UploadImageTypes.Png, png));
        Assert.False(UploadImageTypes.Matches(UploadImageTypes.Jpeg, png));
    }
}
